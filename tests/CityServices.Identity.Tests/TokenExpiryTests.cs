namespace CityServices.Identity.Tests;

/// <summary>
/// Identity validates its own tokens with the platform's 30-second clock skew, not OpenIddict's
/// five minutes. Its own host: the test moves this service's clock past the token's expiry.
/// </summary>
public sealed class TokenExpiryTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan CitizenTokenLifetime = TimeSpan.FromMinutes(5);

    private readonly ShiftableClock _clock = new();
    private IdentityHost _identity = null!;

    public async ValueTask InitializeAsync() =>
        _identity = await IdentityHost.StartAsync(infrastructure, "token-expiry", _clock,
            extraSettings: $"--Identity:Tokens:CitizenAccessTokenLifetime={CitizenTokenLifetime}");

    public async ValueTask DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task A_card_token_is_accepted_10_seconds_after_expiry_and_refused_60_seconds_after()
    {
        using var registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
        var citizen = await IdentityHost.RegisterAsync(registrar);
        var (card, key) = await IdentityHost.IssueCardAsync(registrar, citizen);
        using var _ = key;
        using var asCitizen = _identity.WithToken(await _identity.Cards.SignInAsync(card, key, ct: Ct));

        _clock.Advance(CitizenTokenLifetime + TimeSpan.FromSeconds(10));
        var withinSkew = (await asCitizen.GetAsync("/api/identity/me", Ct)).StatusCode;
        _clock.Advance(TimeSpan.FromSeconds(50));
        var beyondSkew = (await asCitizen.GetAsync("/api/identity/me", Ct)).StatusCode;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (withinSkew, beyondSkew));
    }
}
