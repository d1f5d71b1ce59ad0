using CityServices.Identity.Tokens.CardSignIn;

namespace CityServices.Identity.Tests;

/// <summary>Its own host: the test moves this service's clock forward.</summary>
public sealed class NonceExpiryTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly ShiftableClock _clock = new();
    private IdentityHost _identity = null!;

    public async ValueTask InitializeAsync() =>
        _identity = await IdentityHost.StartAsync(infrastructure, "nonce-expiry", _clock, extraSettings: "--Identity:CardSignIn:NonceLifetime=00:00:30");

    public async ValueTask DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task An_expired_nonce_is_refused_and_stays_unused()
    {
        // given a challenge signed correctly
        using var registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
        var citizenId = await IdentityHost.RegisterAsync(registrar);
        var (cardId, key) = await IdentityHost.IssueCardAsync(registrar, citizenId);
        using var _ = key;
        var challenge = await _identity.Cards.ChallengeAsync(cardId, Ct);
        Assert.Equal(30, (challenge.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds, tolerance: 5);
        var signature = CitizenCardClient.Sign(key, challenge.Message);

        // when it is redeemed after its lifetime
        _clock.Advance(TimeSpan.FromSeconds(31));
        using var response = await _identity.Cards.RequestTokenAsync(cardId, challenge.Nonce, signature, ct: Ct);

        // then it is refused, and nothing was marked
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Contains("expired", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        var stored = await _identity.Services.GetRequiredService<SignInChallenges>().FindAsync(challenge.Nonce, Ct);
        Assert.Null(stored!.UsedAt);
    }
}
