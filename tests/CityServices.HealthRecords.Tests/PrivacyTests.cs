using System.Text;
using CityServices.Contracts.HealthRecords;
using CityServices.Contracts.Ledger;
using CityServices.Hashing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityServices.HealthRecords.Tests;

public sealed class PrivacyTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private HealthRecordsServiceHost _service = null!;
    private MessageProbe _broker = null!;

    public async ValueTask InitializeAsync()
    {
        _service = await HealthRecordsServiceHost.StartAsync(infrastructure, "privacy");
        _broker = await MessageProbe.StartAsync(infrastructure, _service.Prefix,
            typeof(EventRecorded), typeof(PatientRecordOpened), typeof(PatientRecordClosed), typeof(PatientRecordErased));
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Medical_content_never_reaches_the_event_table_the_broker_or_the_audit_export_in_plaintext()
    {
        // given an entry whose code, text and emergency reasons are unique markers, read by a doctor and the patient
        var patient = await _service.RegisterCitizenAsync(Ct);
        var code = $"M{Guid.NewGuid():N}"[..30];
        var content = $"content-marker-{Guid.NewGuid():N}";
        var reason = $"reason-marker-{Guid.NewGuid():N}";
        var entry = await _service.AddEntryAsync(patient, Tokens.Doctor(_service, Guid.NewGuid()), "diagnosis", code, content, Ct, reason);
        await Expect.StatusAsync(HttpStatusCode.OK, await _service.GetAsync(
            $"/api/health-records/patients/{patient}/entries/{entry}?purpose=emergency&reason={reason}-read", Tokens.Doctor(_service, Guid.NewGuid()), Ct));
        var own = await _service.GetAsync("/api/health-records/me/record", Tokens.Patient(_service, patient), Ct);
        Assert.Contains(content, await own.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // when everything stored has been relayed
        var export = await _service.ExportAsync(Ct);
        await _broker.WaitForAsync<EventRecorded>(export.Count);

        // then no marker is in the event table (nor the record snapshots), on the broker or in the export
        string[] markers = [code, content, reason];
        var table = await _service.TableTextAsync("mt_events", Ct);
        var snapshots = await _service.TableTextAsync("mt_doc_patientrecord", Ct);
        Assert.Contains(entry.ToString(), table, StringComparison.Ordinal); // the tables were read
        Assert.Contains(entry.ToString(), snapshots, StringComparison.Ordinal);
        foreach (var marker in markers)
        {
            Assert.DoesNotContain(marker, table, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, snapshots, StringComparison.Ordinal);
            Assert.All(_broker.Bodies, body => Assert.DoesNotContain(marker, body, StringComparison.Ordinal));
            Assert.All(export, line => Assert.DoesNotContain(marker, line.Data, StringComparison.Ordinal));
        }

        Assert.Single(_broker.Of<PatientRecordOpened>());
    }

    [Fact]
    public async Task After_erasure_the_content_is_unreadable_and_the_audit_export_still_matches_what_the_ledger_was_sent()
    {
        // given a record with an entry, read once
        var patient = await _service.RegisterCitizenAsync(Ct);
        var content = $"erase-me-{Guid.NewGuid():N}";
        await _service.AddEntryAsync(patient, Tokens.Doctor(_service, Guid.NewGuid()), "note", "Z71.1", content, Ct, "walk-in");
        await Expect.StatusAsync(HttpStatusCode.OK, await _service.GetAsync(
            $"/api/health-records/patients/{patient}/record?purpose=emergency&reason=triage", Tokens.Nurse(_service, Guid.NewGuid()), Ct));
        var before = await _service.ExportAsync(Ct);

        // when only a data-protection officer, signed in with a card, may erase it
        var erasure = $"/api/health-records/patients/{patient}/erasure";
        var basis = new { legalBasis = "GDPR Art. 17(1)(b), request 2026-114" };
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await _service.PostAsync(erasure, Tokens.Doctor(_service, Guid.NewGuid()), basis, Ct));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await _service.PostAsync(erasure,
            _service.Issuer.CreateDepartmentToken("health-records-admin", "health-records", "health-records"), basis, Ct));
        var officer = Guid.NewGuid();
        await Expect.StatusAsync(HttpStatusCode.NoContent, await _service.PostAsync(erasure, Tokens.Staff(_service, officer, "data-protection-officer"), basis, Ct));
        await Expect.StatusAsync(HttpStatusCode.Conflict, await _service.PostAsync(erasure, Tokens.Staff(_service, officer, "data-protection-officer"), basis, Ct));

        // then the key is gone, the record answers with metadata only (the read still logged) and takes no entries
        Assert.Equal(0L, await CountKeysAsync(patient));
        var record = await Expect.JsonAsync(HttpStatusCode.OK, await _service.GetAsync("/api/health-records/me/record", Tokens.Patient(_service, patient), Ct));
        Assert.True(record.GetProperty("erased").GetBoolean());
        var entry = Assert.Single(record.GetProperty("entries").EnumerateArray());
        Assert.True(entry.GetProperty("contentErased").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entry.GetProperty("content").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entry.GetProperty("code").ValueKind);
        Assert.Equal("note", entry.GetProperty("kind").GetString());
        var log = await Expect.JsonAsync(HttpStatusCode.OK, await _service.GetAsync("/api/health-records/me/access-log", Tokens.Patient(_service, patient), Ct));
        Assert.True(log[0].GetProperty("reasonErased").GetBoolean());
        Assert.Equal(2, log.GetArrayLength());
        await Expect.StatusAsync(HttpStatusCode.Conflict, await _service.PostAsync($"/api/health-records/patients/{patient}/entries",
            Tokens.Doctor(_service, Guid.NewGuid()), new { kind = "note", code = "Z00.0", content = "new", emergencyReason = "x" }, Ct));
        var erased = Assert.Single((await _service.EventsOfAsync(patient, Ct)).Select(e => e.Data).OfType<RecordErased>());
        Assert.Equal((officer, "GDPR Art. 17(1)(b), request 2026-114"), (erased.ErasedBy, erased.LegalBasis));

        // and every exported event, the earlier ones unchanged, hashes to the leaf the relay sent the ledger
        var after = await _service.ExportAsync(Ct);
        Assert.Equal(before.Select(l => (l.Record, l.Data)), after.Take(before.Count).Select(l => (l.Record, l.Data)));
        var sent = (await _broker.WaitForAsync<EventRecorded>(after.Count)).ToDictionary(m => m.EventId, m => m.LeafHash);
        Assert.All(after, line =>
        {
            Assert.Equal(EventDataHash.Compute(Encoding.UTF8.GetBytes(line.Data)), line.Record.DataSha256);
            Assert.Equal(sent[line.Record.EventId], Hex.Encode(line.Record.LeafHash()));
        });
        Assert.Equal(patient, Assert.Single(_broker.Of<PatientRecordErased>()).PatientId);
    }

    private async Task<long> CountKeysAsync(Guid patient)
    {
        await using var connection = new NpgsqlConnection(_service.Postgres);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"select count(*) from {HealthRecordsServiceHost.Schema}.mt_doc_patientdatakey where id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = patient });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
