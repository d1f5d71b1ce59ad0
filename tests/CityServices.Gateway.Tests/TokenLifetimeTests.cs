using CityServices.Contracts.Identity;

namespace CityServices.Gateway.Tests;

/// <summary>
/// The edge refuses what the services refuse: a token expired beyond the 30-second clock skew, and
/// within seconds of identity's events, a revoked card's or a withdrawn staff role's token. The
/// gateway follows the events on a real broker, under a prefix of the test's own.
/// </summary>
public sealed class TokenLifetimeTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(5);

    private TestIssuer _issuer = null!;
    private EchoBackend _healthRecords = null!;
    private GatewayHost _gateway = null!;
    private MessageProbe _identity = null!;

    public async ValueTask InitializeAsync()
    {
        var prefix = CityInfrastructure.NewPrefix("gateway-tokens");
        _issuer = await TestIssuer.StartAsync();
        _healthRecords = await EchoBackend.StartAsync("health-records");
        _gateway = await GatewayHost.StartAsync(_issuer, new Dictionary<string, Uri[]> { ["health-records"] = [_healthRecords.Address] },
            $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}", $"--Messaging:EntityPrefix={prefix}");
        _identity = await MessageProbe.StartAsync(infrastructure, prefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _identity.DisposeAsync();
        await _gateway.DisposeAsync();
        await _healthRecords.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Theory]
    [InlineData(-60, HttpStatusCode.Unauthorized)]
    [InlineData(-10, HttpStatusCode.OK)]
    public async Task A_token_is_accepted_until_30_seconds_after_it_expired(int expiredSecondsAgo, HttpStatusCode expected)
    {
        var lifetime = TimeSpan.FromMinutes(5);
        var token = _issuer.CreateToken("health-records", "health-records-department", [],
            lifetime, issuedAt: DateTime.UtcNow.AddSeconds(expiredSecondsAgo) - lifetime);

        var response = await _gateway.GetAsync("/api/health-records/patients/42", token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_cards_token_is_refused_within_5_seconds_and_another_card_of_the_citizen_still_passes()
    {
        var (citizen, lostCard, keptCard) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var lostToken = _issuer.CreateCitizenToken(citizen, lostCard);
        var keptToken = _issuer.CreateCitizenToken(citizen, keptCard);
        Assert.Equal(HttpStatusCode.OK, (await _gateway.GetAsync("/api/health-records/me", lostToken)).StatusCode);

        await _identity.Bus.Publish(new CitizenCardRevoked(lostCard, citizen, "stolen", DateTimeOffset.UtcNow), Ct);

        var refused = await Eventually.UntilAsync(() => _gateway.GetAsync("/api/health-records/me", lostToken),
            r => r.StatusCode == HttpStatusCode.Unauthorized, "the revoked card's token to be refused at the edge", WithinSeconds);
        await Expect.ProblemAsync(HttpStatusCode.Unauthorized, refused);
        Assert.Equal(HttpStatusCode.OK, (await _gateway.GetAsync("/api/health-records/me", keptToken)).StatusCode);
    }

    [Fact]
    public async Task A_token_carrying_a_withdrawn_staff_role_is_refused_within_5_seconds()
    {
        var doctor = Guid.NewGuid();
        var token = _issuer.CreateCitizenToken(doctor, department: "health-records", roles: ["doctor"], organisations: ["city-hospital"], extraScopes: "health-records");
        Assert.Equal(HttpStatusCode.OK, (await _gateway.GetAsync("/api/health-records/patients/42", token)).StatusCode);

        await _identity.Bus.Publish(
            new StaffRoleWithdrawn(doctor, "health-records", "doctor", "city-hospital", "health-records-department", DateTimeOffset.UtcNow), Ct);

        await Eventually.UntilAsync(() => _gateway.GetAsync("/api/health-records/patients/42", token),
            r => r.StatusCode == HttpStatusCode.Unauthorized, "the withdrawn role's token to be refused at the edge", WithinSeconds);
    }
}
