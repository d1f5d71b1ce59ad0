using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;

namespace CityServices.HealthRecords.Tests;

/// <summary>
/// Erasure destroys the patient's key and records <see cref="RecordErased"/> in one transaction:
/// an erasure refused for any reason, or failing on either side, leaves the key, the content and
/// the stream exactly as they were.
/// </summary>
public sealed class ErasureTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "erasure")
{
    private static readonly object Basis = new { legalBasis = "GDPR Art. 17(1)(b), request 2026-114" };

    [Fact]
    public async Task Erasing_a_patient_without_a_record_is_404_and_creates_nothing()
    {
        var unknown = Guid.NewGuid();

        var response = await EraseAsync(unknown);

        await Expect.ProblemAsync(HttpStatusCode.NotFound, response);
        Assert.Equal(0, await Service.StreamVersionAsync(unknown, Ct));
        Assert.Equal(0, await CountKeysAsync(unknown));
    }

    [Fact]
    public async Task An_erasure_with_a_stale_if_match_is_412_and_keeps_the_key_and_the_content()
    {
        // given a record whose version a DPO read, and an entry added since
        var (patient, marker) = await PatientWithEntryAsync();
        var stale = await Service.StreamVersionAsync(patient, Ct);
        await Service.AddEntryAsync(patient, Tokens.Doctor(Service, Guid.NewGuid()), "note", "Z00.0", "later", Ct, "ambulance");

        // when the erasure names the version it saw
        var response = await EraseAsync(patient, ifMatch: stale);

        // then it is refused as stale, and nothing of it committed
        await Expect.ProblemAsync(HttpStatusCode.PreconditionFailed, response);
        await AssertNotErasedAsync(patient, marker);

        // and with the current version it goes through, key and event together
        await Expect.StatusAsync(HttpStatusCode.NoContent, await EraseAsync(patient, ifMatch: await Service.StreamVersionAsync(patient, Ct)));
        Assert.Equal(0, await CountKeysAsync(patient));
        Assert.Single((await Service.EventsOfAsync(patient, Ct)).Select(e => e.Data).OfType<RecordErased>());
    }

    [Fact]
    public async Task An_erasure_by_someone_who_is_no_data_protection_officer_is_403_and_keeps_the_key()
    {
        var (patient, marker) = await PatientWithEntryAsync();

        var response = await Service.PostAsync(Erasure(patient), Tokens.Doctor(Service, Guid.NewGuid()), Basis, Ct);

        await Expect.ProblemAsync(HttpStatusCode.Forbidden, response);
        await AssertNotErasedAsync(patient, marker);
    }

    [Fact]
    public async Task An_erasure_whose_event_cannot_be_stored_keeps_the_key()
    {
        // given a database that refuses to store the erasure event
        var (patient, marker) = await PatientWithEntryAsync();
        await RefuseAsync("insert", "mt_events", "new.type = 'health.record_erased'");

        // when a DPO erases the record
        var response = await EraseAsync(patient);

        // then the erasure fails as a whole: the key and the content are still there
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await AssertNotErasedAsync(patient, marker);
    }

    [Fact]
    public async Task An_erasure_whose_key_cannot_be_deleted_records_no_erasure()
    {
        // given a database that refuses to delete the patient's key
        var (patient, marker) = await PatientWithEntryAsync();
        await RefuseAsync("delete", "mt_doc_patientdatakey", "true");

        // when a DPO erases the record
        var response = await EraseAsync(patient);

        // then no erasure event was stored either
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await AssertNotErasedAsync(patient, marker);
    }

    private async Task<(Guid Patient, string Marker)> PatientWithEntryAsync()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var marker = $"marker-{Guid.NewGuid():N}";
        await Service.AddEntryAsync(patient, Tokens.Doctor(Service, Guid.NewGuid()), "note", "Z00.0", marker, Ct, "ambulance");
        return (patient, marker);
    }

    private static string Erasure(Guid patient) => $"/api/health-records/patients/{patient}/erasure";

    private async Task<HttpResponseMessage> EraseAsync(Guid patient, long? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Erasure(patient)) { Content = JsonContent.Create(Basis) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Staff(Service, Guid.NewGuid(), "data-protection-officer"));
        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        return await Service.Http.SendAsync(request, Ct);
    }

    /// <summary>The key is there, the patient reads their content, and the stream holds no erasure.</summary>
    private async Task AssertNotErasedAsync(Guid patient, string marker)
    {
        Assert.Equal(1, await CountKeysAsync(patient));
        Assert.DoesNotContain((await Service.EventsOfAsync(patient, Ct)).Select(e => e.Data), data => data is RecordErased);
        var record = await Expect.JsonAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/record", Tokens.Patient(Service, patient), Ct));
        Assert.False(record.GetProperty("erased").GetBoolean());
        Assert.Contains(marker, record.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>A trigger that makes the real commit fail on the given operation.</summary>
    private async Task RefuseAsync(string operation, string table, string when)
    {
        var schema = HealthRecordsServiceHost.Schema;
        await ExecuteAsync($"""
            create function {schema}.refuse_{operation}() returns trigger language plpgsql
              as $$ begin raise exception 'refused by the test'; end $$;
            create trigger refuse_{operation} before {operation} on {schema}.{table}
              for each row when ({when}) execute function {schema}.refuse_{operation}();
            """);
    }

    private async Task<long> CountKeysAsync(Guid patient)
    {
        await using var connection = new NpgsqlConnection(Service.Postgres);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"select count(*) from {HealthRecordsServiceHost.Schema}.mt_doc_patientdatakey where id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = patient });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Service.Postgres);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
