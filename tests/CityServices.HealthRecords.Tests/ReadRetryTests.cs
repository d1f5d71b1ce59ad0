using System.Net.Http.Json;

namespace CityServices.HealthRecords.Tests;

/// <summary>
/// A read appends its access event at the version whose consents it checked; a write landing
/// between the check and the commit makes the commit conflict, and the read is decided again on
/// the new version: each read succeeds once, logged once, and sees every entry committed before it.
/// </summary>
public sealed class ReadRetryTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "read-retry")
{
    [Fact]
    public async Task Reads_racing_entry_writes_are_each_logged_once_and_see_a_committed_version()
    {
        // given a record and a doctor writing to it in an emergency
        var patient = await Service.RegisterCitizenAsync(Ct);
        var token = Tokens.Patient(Service, patient);
        var doctor = Tokens.Doctor(Service, Guid.NewGuid());

        // when the patient reads while entries are being added
        var reads = Enumerable.Range(0, 3).Select(_ => Service.GetAsync("/api/health-records/me/record", token, Ct)).ToList();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => AddEntryAsync(patient, doctor, $"entry-{i}")));
        var responses = await Task.WhenAll(reads);

        // then every read succeeded and was logged exactly once
        var events = await Service.EventsOfAsync(patient, Ct);
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(3, events.Count(e => e.Data is RecordAccessed));
        Assert.Equal(3, events.Count(e => e.Data is RecordEntryAdded));
        // and each read's ETag is the version of its own access event, with exactly the entries added before it
        foreach (var response in responses)
        {
            var version = long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
            var access = events.Single(e => e.Version == version);
            Assert.IsType<RecordAccessed>(access.Data);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(events.Count(e => e.Version < version && e.Data is RecordEntryAdded), body.GetProperty("entries").GetArrayLength());
        }
    }

    /// <summary>Adds an entry as a client would: a write does not retry on its own, so a 409 from a race with a read is sent again.</summary>
    private async Task AddEntryAsync(Guid patient, string doctor, string content)
    {
        while (true)
        {
            var response = await Service.PostAsync($"/api/health-records/patients/{patient}/entries", doctor,
                new { kind = "note", code = "Z00.0", content, emergencyReason = "ambulance" }, Ct);
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                await Expect.StatusAsync(HttpStatusCode.Created, response);
                return;
            }
        }
    }
}
