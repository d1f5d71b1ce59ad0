using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Tests;

/// <summary>List routes answer a page at a time, with a Link to the next (docs/api-conventions.md); walking them sees every item once, in order.</summary>
public sealed class PagingTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "paging")
{
    [Fact]
    public async Task Walking_the_access_log_page_by_page_sees_every_access_once_in_order()
    {
        // given seven reads of a record
        var patient = await Service.RegisterCitizenAsync(Ct);
        var token = Tokens.Patient(Service, patient);
        for (var read = 0; read < 7; read++)
        {
            await Expect.StatusAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/record", token, Ct));
        }

        // when the log is walked three at a time
        var pages = await WalkAsync("/api/health-records/me/access-log?limit=3", token, page => page);

        // then the pages hold 3, 3 and 1 accesses: all of them, oldest first
        Assert.Equal([3, 3, 1], pages.Select(page => page.Count));
        var accesses = (await Service.EventsOfAsync(patient, Ct)).Where(e => e.Data is RecordAccessed).Select(e => e.Id);
        Assert.Equal(accesses, pages.SelectMany(page => page).Select(item => item.GetProperty("eventId").GetGuid()));
    }

    [Fact]
    public async Task Walking_a_record_page_by_page_sees_every_entry_once_and_logs_each_page_as_a_read()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var doctor = Tokens.Doctor(Service, Guid.NewGuid());
        var entries = new List<Guid>();
        for (var entry = 0; entry < 5; entry++)
        {
            entries.Add(await Service.AddEntryAsync(patient, doctor, "note", "Z00.0", $"visit {entry}", Ct, "walk-in"));
        }

        var pages = await WalkAsync("/api/health-records/me/record?limit=2", Tokens.Patient(Service, patient), record => record.GetProperty("entries"));

        Assert.Equal([2, 2, 1], pages.Select(page => page.Count));
        Assert.Equal(entries, pages.SelectMany(page => page).Select(entry => entry.GetProperty("id").GetGuid()));
        Assert.Equal(3, (await Service.EventsOfAsync(patient, Ct)).Count(e => e.Data is RecordAccessed));
    }

    [Fact]
    public async Task Walking_the_consents_page_by_page_sees_every_consent_once_in_order()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var consents = new List<Guid>();
        for (var consent = 0; consent < 5; consent++)
        {
            consents.Add(await Service.GrantConsentAsync(patient, "organisation", $"clinic-{consent}", "read", Ct));
        }

        var pages = await WalkAsync("/api/health-records/me/consents?limit=2", Tokens.Patient(Service, patient), page => page);

        Assert.Equal([2, 2, 1], pages.Select(page => page.Count));
        Assert.Equal(consents, pages.SelectMany(page => page).Select(consent => consent.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=x", "cursor")]
    [InlineData("cursor=-1", "cursor")]
    [InlineData("cursor=YWZ0ZXI6LTE", "cursor")]
    public async Task A_page_out_of_bounds_or_a_forged_cursor_is_a_400_naming_it_and_reads_nothing(string query, string field)
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var token = Tokens.Patient(Service, patient);

        foreach (var route in new[] { "me/record", "me/access-log", "me/consents" })
        {
            var problem = await Expect.InvalidAsync(await Service.GetAsync($"/api/health-records/{route}?{query}", token, Ct), field);
            Assert.Equal(ProblemTypes.Validation, problem.GetProperty("type").GetString());
        }

        Assert.Equal(1, await Service.StreamVersionAsync(patient, Ct));
    }

    /// <summary>Follows <c>Link rel="next"</c> from <paramref name="first"/> until a page has none; each page's items.</summary>
    private async Task<List<List<JsonElement>>> WalkAsync(string first, string token, Func<JsonElement, JsonElement> itemsOf)
    {
        var pages = new List<List<JsonElement>>();
        for (var next = first; next is not null;)
        {
            using var response = await Service.GetAsync(next, token, Ct);
            pages.Add([.. itemsOf(await Expect.JsonAsync(HttpStatusCode.OK, response)).EnumerateArray()]);
            next = NextOf(response);
            Assert.True(pages.Count <= 10, "the pages never end");
        }

        return pages;
    }

    private static string? NextOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links)
            ? links.Select(link => link.Split(';', 2)).Where(parts => parts[1].Trim() == "rel=\"next\"").Select(parts => parts[0].Trim().Trim('<', '>')).Single()
            : null;
}
