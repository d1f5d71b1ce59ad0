using CityServices.EventPipeline.Commands.Idempotency;
using CityServices.ServiceDefaults.Problems;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.HealthRecords.Tests;

/// <summary>Issue 13 item 3 on health records: a retried entry or grant is stored once, and every Location answers GET.</summary>
public sealed class RetrySafetyTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "retry-safety")
{
    [Fact]
    public async Task Every_Location_a_command_answers_with_answers_GET_with_what_was_created()
    {
        // given a consent granted and an entry written under it
        var patient = await Service.RegisterCitizenAsync(Ct);
        var patientToken = Tokens.Patient(Service, patient);
        using var granted = await Service.PostAsync("/api/health-records/me/consents", patientToken,
            new { provider = new { kind = "organisation", id = Tokens.Hospital }, access = "write" }, Ct);
        var consentId = (await Expect.JsonAsync(HttpStatusCode.Created, granted)).GetProperty("id").GetGuid();
        var doctor = Tokens.Doctor(Service, Guid.NewGuid());
        using var added = await Service.PostAsync($"/api/health-records/patients/{patient}/entries", doctor,
            new { kind = "diagnosis", code = "J06.9", content = "common cold" }, Ct);
        var entryId = (await Expect.JsonAsync(HttpStatusCode.Created, added)).GetProperty("id").GetGuid();

        // when each Location is followed (a staff read states its purpose, as every staff read does)
        var consent = await Expect.JsonAsync(HttpStatusCode.OK, await Service.GetAsync(granted.Headers.Location!.OriginalString, patientToken, Ct));
        var entry = await Expect.JsonAsync(HttpStatusCode.OK, await Service.GetAsync($"{added.Headers.Location!.OriginalString}?purpose=consent", doctor, Ct));

        // then each names what was created
        Assert.Equal((consentId, "write", true), (consent.GetProperty("id").GetGuid(), consent.GetProperty("access").GetString(), consent.GetProperty("inForce").GetBoolean()));
        Assert.Equal((entryId, "common cold"), (entry.GetProperty("id").GetGuid(), entry.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task An_entry_retried_with_its_key_is_stored_once()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var doctor = Tokens.Doctor(Service, Guid.NewGuid());
        var key = NewKey();
        var body = new { kind = "note", code = "Z00.0", content = "checked", emergencyReason = "walk-in" };

        using var first = await PostAsync($"/api/health-records/patients/{patient}/entries", doctor, body, key);
        using var retry = await PostAsync($"/api/health-records/patients/{patient}/entries", doctor, body, key);

        var created = await Expect.JsonAsync(HttpStatusCode.Created, first);
        Assert.Equal(created.GetRawText(), (await Expect.JsonAsync(HttpStatusCode.Created, retry)).GetRawText());
        Assert.Single(await Service.EventsOfAsync(patient, Ct), e => e.Data is RecordEntryAdded);
    }

    [Fact]
    public async Task A_key_is_kept_for_its_retention_then_purged_and_free_again()
    {
        // given a consent granted under a key
        var patient = await Service.RegisterCitizenAsync(Ct);
        var token = Tokens.Patient(Service, patient);
        var first = NewKey();
        await Expect.StatusAsync(HttpStatusCode.Created, await PostAsync("/api/health-records/me/consents", token, Grant("clinic-a"), first));

        // while it is kept, the key refuses another grant
        await Expect.ProblemAsync(new Problem(422, Type: ProblemTypes.IdempotencyKeyReused),
            await PostAsync("/api/health-records/me/consents", token, Grant("clinic-b"), first));

        // once the retention (24 h by default) has passed, the purge deletes its answer and keeps a fresh one
        Service.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await Expect.StatusAsync(HttpStatusCode.Created, await PostAsync("/api/health-records/me/consents", token, Grant("clinic-c"), NewKey()));
        await Service.Services.GetRequiredService<IdempotencyPurge>().PurgeAsync(Ct);
        await using (var session = Service.Store.QuerySession())
        {
            Assert.Single(await session.Query<IdempotentAnswer>().ToListAsync(Ct));
        }

        // and the key carries a new grant
        using var again = await PostAsync("/api/health-records/me/consents", token, Grant("clinic-b"), first);
        await Expect.StatusAsync(HttpStatusCode.Created, again);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
    }

    private static object Grant(string organisation) => new { provider = new { kind = "organisation", id = organisation }, access = "read" };

    private static string NewKey() => $"\"{Guid.NewGuid()}\"";

    private async Task<HttpResponseMessage> PostAsync(string path, string token, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.TryAddWithoutValidation(IdempotencyKey.HeaderName, key);
        return await Service.Http.SendAsync(request, Ct);
    }
}
