using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CityServices.EventPipeline.TestService;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace CityServices.Identity.Tests;

/// <summary>
/// Bearer tokens identity did not issue as they stand are refused, by identity itself and by a
/// service that trusts it through discovery. Each forgery changes one thing in a real card token
/// and is signed with a real key; the same token re-signed unchanged is accepted, so a refusal
/// is for the change, not for a flaw of the forging.
/// </summary>
public sealed partial class BearerTokenRefusalTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    // The audit export: a card token is authenticated there (and then forbidden: it is no auditor's).
    private const string PermitsRoute = "/api/permits/audit/events";

    private IdentityHost _identity = null!;
    private ServiceHost _permits = null!;
    private string _token = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await IdentityHost.StartAsync(infrastructure, "bearer-refusals");
        _permits = await ServiceHost.StartAsync(infrastructure, PermitsApp.Create, "bearer-refusals-permits",
            new ServiceHostOptions { Authority = _identity.Issuer, Settings = ["--EventStore:RunRelay=false"] });
        using var registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
        var (card, key) = await IdentityHost.IssueCardAsync(registrar, await IdentityHost.RegisterAsync(registrar));
        using var _ = key;
        _token = await _identity.Cards.SignInAsync(card, key, ct: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _permits.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task The_real_token_re_signed_unchanged_with_identitys_key_is_accepted()
    {
        var token = Resign(_token, IdentityKey(), _ => { });

        Assert.Equal((new Answer(HttpStatusCode.OK, ""), new Answer(HttpStatusCode.Forbidden, "")), await AnswersAsync(token));
    }

    [Fact]
    public async Task A_token_naming_another_issuer_is_refused_though_signed_with_identitys_key()
    {
        var token = Resign(_token, IdentityKey(), payload => payload["iss"] = "http://127.0.0.1:9/");

        Assert.Equal(
            (Refused("The issuer associated to the specified token is not valid."), Refused("The issuer 'http://127.0.0.1:9/' is invalid")),
            await AnswersAsync(token));
    }

    [Fact]
    public async Task A_token_signed_by_another_real_key_under_identitys_key_id_is_refused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var impostor = new SigningCredentials(new ECDsaSecurityKey(other) { KeyId = IdentityKey().Key.KeyId }, SecurityAlgorithms.EcdsaSha256);

        var token = Resign(_token, impostor, _ => { });

        Assert.Equal(
            (Refused("The signature associated to the specified token is not valid."), Refused("The signature is invalid")),
            await AnswersAsync(token));
    }

    [Fact]
    public async Task A_token_expired_beyond_the_clock_skew_is_refused()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var token = Resign(_token, IdentityKey(), payload =>
        {
            payload["iat"] = now - 600;
            payload["nbf"] = now - 600;
            payload["exp"] = now - 60;
        });

        var (identity, permits) = await AnswersAsync(token);
        Assert.Equal(Refused("The specified token is no longer valid."), identity);
        Assert.Equal(HttpStatusCode.Unauthorized, permits.Status);
        Assert.StartsWith("The token expired at ", permits.Description, StringComparison.Ordinal);
    }

    /// <summary>
    /// What identity (its citizen route) and the permits service (its audit export) answer the
    /// token: the status and the reason given in <c>WWW-Authenticate</c>.
    /// </summary>
    private async Task<(Answer Identity, Answer Permits)> AnswersAsync(string token)
    {
        using var identity = _identity.WithToken(token);
        using var permits = _permits.WithToken(token);
        using var fromIdentity = await identity.GetAsync("/api/identity/me", Ct);
        using var fromPermits = await permits.GetAsync(PermitsRoute, Ct);
        return (Answer.Of(fromIdentity), Answer.Of(fromPermits));
    }

    /// <summary>A status and the <c>error_description</c> of its bearer challenge ("" when there is none).</summary>
    private sealed partial record Answer(HttpStatusCode Status, string Description)
    {
        public static Answer Of(HttpResponseMessage response) =>
            new(response.StatusCode, DescriptionIn().Match(string.Join(", ", response.Headers.WwwAuthenticate)).Groups[1].Value);

        [GeneratedRegex("error_description=\"([^\"]*)\"")]
        private static partial Regex DescriptionIn();
    }

    private static Answer Refused(string description) => new(HttpStatusCode.Unauthorized, description);

    private SigningCredentials IdentityKey() =>
        _identity.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials[0];

    /// <summary>The token's header type and payload, changed by <paramref name="change"/>, signed by <paramref name="key"/>.</summary>
    private static string Resign(string token, SigningCredentials key, Action<JsonObject> change)
    {
        var original = new JsonWebToken(token);
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(original.EncodedPayload))!.AsObject();
        change(payload);
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), key, new Dictionary<string, object> { ["typ"] = original.Typ });
    }
}
