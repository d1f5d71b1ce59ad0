using System.Net.Http.Headers;
using CityServices.EventPipeline.TestService;

namespace CityServices.Identity.Tests;

/// <summary>
/// A card revoked or suspended, or a staff role withdrawn, through identity's API: identity's outbox
/// publishes the event, and within seconds identity itself and another service on the shared defaults
/// refuse the tokens it invalidates, over real PostgreSQL and RabbitMQ.
/// </summary>
public sealed class TokenRevocationTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(5);

    private IdentityHost _identity = null!;
    private ServiceHost _permits = null!;
    private HttpClient _registrar = null!;

    public async ValueTask InitializeAsync()
    {
        var prefix = CityInfrastructure.NewPrefix("token-revocation");
        _identity = await IdentityHost.StartAsync(infrastructure, "token-revocation", prefix: prefix);
        _permits = await ServiceHost.StartAsync(infrastructure, PermitsApp.Create, "token-revocation-permits",
            new ServiceHostOptions { Authority = _identity.Issuer, Prefix = prefix, Settings = ["--EventStore:RunRelay=false"] });
        _registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
    }

    public async ValueTask DisposeAsync()
    {
        _registrar.Dispose();
        await _permits.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task A_card_revoked_through_identity_has_its_token_refused_within_5_seconds_and_other_cards_still_work()
    {
        var (lostCard, lostKey) = await IdentityHost.IssueCardAsync(_registrar, await IdentityHost.RegisterAsync(_registrar));
        var (otherCard, otherKey) = await IdentityHost.IssueCardAsync(_registrar, await IdentityHost.RegisterAsync(_registrar));
        using var _ = lostKey;
        using var __ = otherKey;
        var lostToken = await _identity.Cards.SignInAsync(lostCard, lostKey, ct: Ct);
        var otherToken = await _identity.Cards.SignInAsync(otherCard, otherKey, ct: Ct);
        Assert.Equal(HttpStatusCode.OK, await AtIdentityAsync(lostToken));
        // Authenticated at the other service: its audit export answers a citizen with 403, not 401.
        Assert.Equal(HttpStatusCode.Forbidden, await AtPermitsAsync(lostToken));

        await PostAsync($"/api/identity/cards/{lostCard}/revocation", new { reason = "stolen" }, HttpStatusCode.NoContent);

        await Eventually.UntilAsync(() => AtIdentityAsync(lostToken), s => s == HttpStatusCode.Unauthorized, "identity to refuse the revoked card's token", WithinSeconds);
        await Eventually.UntilAsync(() => AtPermitsAsync(lostToken), s => s == HttpStatusCode.Unauthorized, "another service to refuse the revoked card's token", WithinSeconds);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (await AtIdentityAsync(otherToken), await AtPermitsAsync(otherToken)));
    }

    [Fact]
    public async Task A_replaced_cards_token_is_refused_within_5_seconds_and_the_citizens_new_card_works()
    {
        var (oldCard, oldKey) = await IdentityHost.IssueCardAsync(_registrar, await IdentityHost.RegisterAsync(_registrar));
        using var _ = oldKey;
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var oldToken = await _identity.Cards.SignInAsync(oldCard, oldKey, ct: Ct);

        var replacement = await PostAsync($"/api/identity/cards/{oldCard}/replacement",
            new { publicKey = newKey.ExportSubjectPublicKeyInfoPem() }, HttpStatusCode.Created);
        var newToken = await _identity.Cards.SignInAsync(replacement.GetProperty("id").GetGuid(), newKey, ct: Ct);

        await Eventually.UntilAsync(() => AtPermitsAsync(oldToken), s => s == HttpStatusCode.Unauthorized, "the replaced card's token to be refused", WithinSeconds);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (await AtIdentityAsync(newToken), await AtPermitsAsync(newToken)));
    }

    [Fact]
    public async Task A_suspended_cards_token_stays_refused_after_reinstatement_and_a_new_sign_in_works()
    {
        var (card, key) = await IdentityHost.IssueCardAsync(_registrar, await IdentityHost.RegisterAsync(_registrar));
        using var _ = key;
        var before = await _identity.Cards.SignInAsync(card, key, ct: Ct);

        await PostAsync($"/api/identity/cards/{card}/suspension", new { reason = "reported lost" }, HttpStatusCode.NoContent);
        await Eventually.UntilAsync(() => AtPermitsAsync(before), s => s == HttpStatusCode.Unauthorized, "the suspended card's token to be refused", WithinSeconds);
        var suspendedBy = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await PostAsync($"/api/identity/cards/{card}/reinstatement", null, HttpStatusCode.NoContent);
        // iat has whole seconds: a token from the second of the suspension is refused, so sign in in a later one.
        await Eventually.Until(() => DateTimeOffset.UtcNow.ToUnixTimeSeconds(), now => now > suspendedBy, "the second after the suspension");
        var after = await _identity.Cards.SignInAsync(card, key, ct: Ct);

        await Eventually.UntilAsync(() => AtPermitsAsync(after), s => s == HttpStatusCode.Forbidden, "a token issued after reinstatement to be accepted", WithinSeconds);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (await AtPermitsAsync(before), await AtIdentityAsync(after)));
    }

    private async Task<HttpStatusCode> AtIdentityAsync(string token) => await GetAsync(_identity.Http, "/api/identity/me", token);

    private async Task<HttpStatusCode> AtPermitsAsync(string token) => await GetAsync(_permits.Http, "/api/permits/audit/events", token);

    private static async Task<HttpStatusCode> GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private async Task<JsonElement> PostAsync(string path, object? body, HttpStatusCode expected)
    {
        using var response = await _registrar.PostAsJsonAsync(path, body ?? new { }, Ct);
        await Expect.StatusAsync(expected, response);
        return expected == HttpStatusCode.NoContent ? default : await Expect.BodyAsync(response);
    }
}
