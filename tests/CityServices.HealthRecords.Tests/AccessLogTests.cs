using Npgsql;

namespace CityServices.HealthRecords.Tests;

public sealed class AccessLogTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "access-log")
{
    [Fact]
    public async Task Reading_twice_appends_two_access_events_and_listing_the_log_appends_none()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var card = Guid.NewGuid();
        var token = Tokens.Patient(Service, patient, card);

        await Expect.StatusAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/record", token, Ct));
        await Expect.StatusAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/record", token, Ct));
        var log = await Expect.JsonAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/access-log", token, Ct));
        await Expect.StatusAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/access-log", token, Ct));

        var accesses = (await Service.EventsOfAsync(patient, Ct)).Where(e => e.Data is RecordAccessed).ToList();
        Assert.Equal(2, accesses.Count);
        Assert.All(accesses.Select(e => (RecordAccessed)e.Data), a =>
            Assert.Equal((patient, card, "patient", AccessPurpose.Self, AccessTarget.Record), (a.ReaderCitizenId, a.ReaderCardId, a.Role, a.Purpose, a.Target)));
        Assert.Equal(accesses.Select(e => e.Id), log.EnumerateArray().Select(i => i.GetProperty("eventId").GetGuid()));
        Assert.All(log.EnumerateArray(), i => Assert.Equal("record", i.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task Concurrent_reads_of_one_record_are_each_logged()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var token = Tokens.Patient(Service, patient);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Service.GetAsync("/api/health-records/me/record", token, Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(4, (await Service.EventsOfAsync(patient, Ct)).Count(e => e.Data is RecordAccessed));
    }

    [Fact]
    public async Task A_read_whose_access_event_cannot_be_stored_returns_no_data()
    {
        // given an entry, and a database that refuses to store access events (a trigger: the real commit fails)
        var patient = await Service.RegisterCitizenAsync(Ct);
        var marker = $"marker-{Guid.NewGuid():N}";
        await Service.AddEntryAsync(patient, Tokens.Doctor(Service, Guid.NewGuid()), "note", "Z00.0", marker, Ct, "ambulance");
        await ExecuteAsync($"""
            create function {HealthRecordsServiceHost.Schema}.refuse_access_log() returns trigger language plpgsql
              as $$ begin raise exception 'the access log is unavailable'; end $$;
            create trigger refuse_access_log before insert on {HealthRecordsServiceHost.Schema}.mt_events
              for each row when (new.type = 'health.record_accessed') execute function {HealthRecordsServiceHost.Schema}.refuse_access_log();
            """);

        // when the patient and a doctor in an emergency read it
        var own = await Service.GetAsync("/api/health-records/me/record", Tokens.Patient(Service, patient), Ct);
        var emergency = await Service.GetAsync($"/api/health-records/patients/{patient}/record?purpose=emergency&reason=trauma", Tokens.Doctor(Service, Guid.NewGuid()), Ct);

        // then neither gets the content, and nothing was logged
        foreach (var response in new[] { own, emergency })
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.DoesNotContain(marker, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.DoesNotContain((await Service.EventsOfAsync(patient, Ct)), e => e.Data is RecordAccessed);

        // and once the log works again, so do reads
        await ExecuteAsync($"drop trigger refuse_access_log on {HealthRecordsServiceHost.Schema}.mt_events");
        var again = await Service.GetAsync("/api/health-records/me/record", Tokens.Patient(Service, patient), Ct);
        Assert.Contains(marker, await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Single((await Service.EventsOfAsync(patient, Ct)), e => e.Data is RecordAccessed);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Service.Postgres);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
