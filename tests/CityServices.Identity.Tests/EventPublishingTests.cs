using CityServices.Contracts.Identity;
using CityServices.Contracts.Ledger;
using CityServices.EventPipeline.TestService.Testing;
using CityServices.Hashing;

namespace CityServices.Identity.Tests;

public sealed class EventPublishingTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly string _prefix = CityInfrastructure.NewPrefix("identity-events");
    private MessageProbe _probe = null!;
    private IdentityHost _identity = null!;

    public async ValueTask InitializeAsync()
    {
        _probe = await MessageProbe.StartAsync(infrastructure, _prefix,
            typeof(EventRecorded), typeof(CitizenRegistered), typeof(CitizenDetailsChanged), typeof(CitizenMoved), typeof(CitizenDied),
            typeof(CitizenCardIssued), typeof(CitizenCardSuspended), typeof(CitizenCardReinstated), typeof(CitizenCardRevoked),
            typeof(StaffRoleGranted), typeof(StaffRoleWithdrawn));
        _identity = await IdentityHost.StartAsync(infrastructure, "identity-events", prefix: _prefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _identity.DisposeAsync();
        await _probe.DisposeAsync();
    }

    [Fact]
    public async Task Every_registry_card_and_staff_event_reaches_the_ledger_and_is_announced()
    {
        // given a citizen's whole life through the API
        using var registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
        using var health = await _identity.AsClientAsync(IdentityHost.Health);
        var citizenId = await IdentityHost.RegisterAsync(registrar);
        var citizen = $"/api/identity/citizens/{citizenId}";
        await PostAsync(registrar, $"{citizen}/corrections", new { givenName = "Mei", familyName = "Lin-Wang", birthDate = "1990-04-12" });
        await PostAsync(registrar, $"{citizen}/moves", new { district = "xinyi" });
        var (cardId, key) = await IdentityHost.IssueCardAsync(registrar, citizenId);
        key.Dispose();
        await PostAsync(registrar, $"/api/identity/cards/{cardId}/suspension", new { reason = "reported lost" });
        await PostAsync(registrar, $"/api/identity/cards/{cardId}/reinstatement", new { });
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await PostAsync(registrar, $"/api/identity/cards/{cardId}/replacement", new { publicKey = IdentityHost.PublicJwk(newKey) }, HttpStatusCode.Created);
        await PostAsync(health, $"{citizen}/staff-roles", new { role = "nurse", organisation = "city-hospital" }, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await health.DeleteAsync($"{citizen}/staff-roles/nurse?organisation=city-hospital", Ct)).StatusCode);
        await PostAsync(registrar, $"{citizen}/death", new { diedOn = "2026-03-04" });

        // when the relay has published them: 12 stored events
        var exported = await ExportAsync();
        Assert.Equal(12, exported.Count);
        var recorded = await Eventually.Until(() => _probe.Of<EventRecorded>(), r => r.Count >= exported.Count, "an EventRecorded per stored event");

        // then each stored event's leaf hash, as an auditor recomputes it from the export, went to the ledger
        Assert.Equal(exported.Select(line => (line.Record.EventId, Hex.Encode(line.Record.LeafHash()))),
            recorded.OrderBy(r => r.Sequence).Select(r => (r.EventId, r.LeafHash)));
        Assert.All(recorded, r => Assert.Equal("identity", r.Service));
        Assert.Equal(
            ["identity.citizen_registered", "identity.citizen_details_corrected", "identity.citizen_moved", "identity.card_issued",
             "identity.card_suspended", "identity.card_reinstated", "identity.card_revoked", "identity.card_issued",
             "identity.staff_role_granted", "identity.staff_role_withdrawn", "identity.citizen_died", "identity.card_revoked"],
            exported.Select(line => line.Record.EventType));

        // and the public announcements carry what other services keep, never the national id
        await Eventually.Until(() => _probe.Of<CitizenDied>().Count, n => n == 1, "the integration events");
        Assert.Equal("xinyi", Assert.Single(_probe.Of<CitizenMoved>()).District);
        Assert.Equal("Lin-Wang", Assert.Single(_probe.Of<CitizenDetailsChanged>()).FamilyName);
        var issued = _probe.Of<CitizenCardIssued>();
        Assert.Equal([null, cardId], issued.Select(e => e.Replaces));
        Assert.Equal(["replaced", "holder died"], _probe.Of<CitizenCardRevoked>().Select(e => e.Reason));
        Assert.Equal(("health-records", "nurse", "city-hospital", IdentityHost.Health),
            Assert.Single(_probe.Of<StaffRoleGranted>()) is var g ? (g.Department, g.Role, g.Organisation, g.GrantedBy) : default);
        Assert.Single(_probe.Of<StaffRoleWithdrawn>());
        Assert.Single(_probe.Of<CitizenCardSuspended>());
        Assert.Single(_probe.Of<CitizenCardReinstated>());
        Assert.Equal(citizenId, Assert.Single(_probe.Of<CitizenRegistered>()).CitizenId);
    }

    private async Task<List<ExportLine>> ExportAsync()
    {
        using var auditor = await _identity.AsClientAsync(IdentityHost.Auditor);
        var body = await auditor.GetStringAsync("/api/identity/audit/events", Ct);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ExportLine.Parse)];
    }

    private static async Task PostAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.NoContent)
    {
        using var response = await client.PostAsJsonAsync(path, body, Ct);
        await Expect.StatusAsync(expected, response);
    }
}
