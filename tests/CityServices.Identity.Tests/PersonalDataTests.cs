using System.Text;
using CityServices.EventPipeline.TestService.Testing;
using CityServices.Identity.Citizens;
using CityServices.PersonalData;
using Marten;

namespace CityServices.Identity.Tests;

/// <summary>
/// Issue 12 item 6: who a citizen is never stands in clear in identity's stored events (and so its
/// audit export), national ids are unique through a keyed hash, and a deceased citizen's personal
/// data is erased by destroying their key, leaving every event and the export intact.
/// </summary>
public sealed class PersonalDataTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private IdentityHost _identity = null!;
    private HttpClient _registrar = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await IdentityHost.StartAsync(infrastructure, "personal-data");
        _registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
    }

    public async ValueTask DisposeAsync()
    {
        _registrar.Dispose();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task The_audit_export_and_the_event_table_hold_no_national_id_name_or_birth_date()
    {
        // given a citizen registered and corrected with values found nowhere else
        var person = Person.New();
        var citizenId = await RegisterAsync(person);
        var corrected = Person.New() with { NationalId = person.NationalId };
        await PostAsync($"/api/identity/citizens/{citizenId}/corrections",
            new { givenName = corrected.GivenName, familyName = corrected.FamilyName, birthDate = corrected.BirthDate });

        // when an auditor exports the events, and an operator reads the event table
        var export = await ExportAsync();
        var table = await RawEventsAsync();

        // then neither holds any of them, while the registry still reads them
        Assert.Equal(2, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ExportLine.Parse).Count(line => line.Record.StreamId == citizenId.ToString()));
        foreach (var marker in person.Markers.Concat(corrected.Markers))
        {
            Assert.DoesNotContain(marker, export, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(marker, table, StringComparison.OrdinalIgnoreCase);
        }

        var citizen = await _registrar.GetFromJsonAsync<JsonElement>($"/api/identity/citizens/{citizenId}", Ct);
        Assert.Equal((person.NationalId, corrected.GivenName, corrected.FamilyName, corrected.BirthDate, "da-an"),
            (citizen.GetProperty("nationalId").GetString(), citizen.GetProperty("givenName").GetString(), citizen.GetProperty("familyName").GetString(),
             citizen.GetProperty("birthDate").GetString(), citizen.GetProperty("district").GetString()));
    }

    [Fact]
    public async Task National_ids_are_unique_through_a_keyed_hash_never_the_id_or_its_plain_hash()
    {
        var person = Person.New();
        var citizenId = await RegisterAsync(person);

        // a second registration of the same id, spelled differently, is a conflict
        using var duplicate = await _registrar.PostAsJsonAsync("/api/identity/citizens",
            person.Body with { NationalId = $"{person.NationalId[..1].ToLowerInvariant()} {person.NationalId[1..]}" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        // and what the registry stores for uniqueness is HMAC-SHA256 under the secret key
        await using var session = _identity.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var claim = Assert.Single(await session.Query<NationalIdClaim>().Where(c => c.CitizenId == citizenId).ToListAsync(Ct));
        var idBytes = Encoding.UTF8.GetBytes(person.NationalId);
        Assert.NotEqual(person.NationalId, claim.Id, StringComparer.OrdinalIgnoreCase);
        Assert.NotEqual(Convert.ToHexString(SHA256.HashData(idBytes)), claim.Id, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(IdentityHost.NationalIdKey), idBytes)), claim.Id);
        Assert.DoesNotContain(person.NationalId, await RawClaimsAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erasing_a_deceased_citizen_destroys_their_key_refuses_reads_and_leaves_the_export_intact()
    {
        // given a citizen with a card, whose death is recorded
        var person = Person.New();
        var citizenId = await RegisterAsync(person);
        var path = $"/api/identity/citizens/{citizenId}";
        var (_, cardKey) = await IdentityHost.IssueCardAsync(_registrar, citizenId);
        cardKey.Dispose();
        using var alive = await _registrar.PostAsJsonAsync($"{path}/erasure", new { legalBasis = "Civil Registry Act §12" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, alive.StatusCode);
        await PostAsync($"{path}/death", new { diedOn = "2026-03-04" });
        var before = await ExportLinesAsync(citizenId);

        // when the registry erases them
        await PostAsync($"{path}/erasure", new { legalBasis = "Civil Registry Act §12, case 2026-77" });

        // then their key is gone, reads and further changes answer 410, and the id stays taken
        await using (var session = _identity.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            Assert.Null(await session.LoadAsync<SubjectDataKey>(citizenId, Ct));
            Assert.Empty(await session.Query<NationalIdClaim>().Where(c => c.CitizenId == citizenId).ToListAsync(Ct));
        }

        using var read = await _registrar.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
        Assert.Contains("erased", (await Expect.BodyAsync(read)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var again = await _registrar.PostAsJsonAsync($"{path}/erasure", new { legalBasis = "again" }, Ct);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        using var reRegistered = await _registrar.PostAsJsonAsync("/api/identity/citizens", person.Body, Ct);
        Assert.Equal(HttpStatusCode.Conflict, reRegistered.StatusCode);

        // and the export still parses, its earlier lines unchanged, plus the erasure with its legal basis in clear
        var after = await ExportLinesAsync(citizenId);
        Assert.Equal(before.Select(line => line.Raw), after.Take(before.Count).Select(line => line.Raw));
        var erasure = Assert.Single(after.Skip(before.Count));
        Assert.Equal("identity.citizen_erased", erasure.Record.EventType);
        Assert.Contains("case 2026-77", erasure.Data, StringComparison.Ordinal);
    }

    private async Task<Guid> RegisterAsync(Person person)
    {
        using var response = await _registrar.PostAsJsonAsync("/api/identity/citizens", person.Body, Ct);
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return (await Expect.BodyAsync(response)).GetProperty("id").GetGuid();
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await _registrar.PostAsJsonAsync(path, body, Ct);
        await Expect.StatusAsync(HttpStatusCode.NoContent, response);
    }

    private async Task<string> ExportAsync()
    {
        using var auditor = await _identity.AsClientAsync(IdentityHost.Auditor);
        return await auditor.GetStringAsync("/api/identity/audit/events", Ct);
    }

    /// <summary>The export's lines of one citizen's stream (other tests of the class write to the same database).</summary>
    private async Task<List<ExportLine>> ExportLinesAsync(Guid citizenId) =>
        [.. (await ExportAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ExportLine.Parse)
            .Where(line => line.Record.StreamId == citizenId.ToString())];

    private Task<string> RawEventsAsync() => RawTextAsync("select coalesce(string_agg(data::text, ' '), '') from identity.mt_events");

    private Task<string> RawClaimsAsync() => RawTextAsync("select coalesce(string_agg(id || ' ' || data::text, ' '), '') from identity.mt_doc_nationalidclaim");

    private async Task<string> RawTextAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_identity.Postgres);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>A person with values unique to the test: any trace of them is found by a plain search.</summary>
    private sealed record Person(string NationalId, string GivenName, string FamilyName, string BirthDate)
    {
        public static Person New()
        {
            var suffix = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz", 10);
            var birth = new DateOnly(1930, 1, 1).AddDays(RandomNumberGenerator.GetInt32(0, 25_000));
            return new(IdentityHost.NewNationalId(), $"Given{suffix}", $"Family{suffix}", birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        public IEnumerable<string> Markers => [NationalId, GivenName, FamilyName, BirthDate];

        public RegistrationBody Body => new(NationalId, GivenName, FamilyName, BirthDate, "da-an");
    }

    private sealed record RegistrationBody(string NationalId, string GivenName, string FamilyName, string BirthDate, string District);
}
