using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace CityServices.Testing;

/// <summary>
/// The identity service as a token-validating service sees it: an OIDC discovery document and a
/// JWKS on loopback, and tokens signed with the key it publishes (or, on request, with another).
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestIssuer(WebApplication app, RsaSecurityKey key, string issuer)
    {
        _app = app;
        _key = key;
        Issuer = issuer;
    }

    /// <summary>The issuer URL, which is also the authority services fetch discovery from.</summary>
    public string Issuer { get; }

    public static async Task<TestIssuer> StartAsync()
    {
        var key = NewKey("published");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);

        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var issuer = $"{context.Request.Scheme}://{context.Request.Host}/";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["jwks_uri"] = $"{issuer}.well-known/jwks",
                ["token_endpoint"] = $"{issuer}connect/token",
                ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            });
        });
        app.MapGet("/.well-known/jwks", () => Results.Json(new
        {
            keys = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = SecurityAlgorithms.RsaSha256,
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        }));

        // Identity's revocation list, empty: what a test revokes, it publishes on the broker.
        app.MapGet("/internal/revocations", () => Results.Json(new { revocations = Array.Empty<object>(), next = (long?)null }));

        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestIssuer(app, key, new Uri(app.Urls.Single()).AbsoluteUri);
    }

    /// <summary>An access token as OpenIddict issues it: one space-separated <c>scope</c> claim.</summary>
    public string CreateToken(string scope, string? audience = null, bool signedByAnotherKey = false, string scopeClaim = "scope") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "health-department"), new Claim(scopeClaim, scope)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            // Another key under the published key id: only the signature can give it away.
            SigningCredentials = new SigningCredentials(signedByAnotherKey ? NewKey(_key.KeyId!) : _key, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>
    /// An access token with the claims the identity service puts in it (docs/identity.md): a
    /// citizen-card token has <c>sub</c> = citizen id and <c>card_id</c>; a staff token adds
    /// <c>department</c>, <c>role</c> and <c>organisation</c>; a department client has
    /// <c>sub</c> = <c>client_id</c> and <c>department</c>.
    /// </summary>
    /// <param name="scope">The <c>scope</c> claim.</param>
    /// <param name="subject">The <c>sub</c> claim.</param>
    /// <param name="claims">The other claims.</param>
    /// <param name="lifetime">From <paramref name="issuedAt"/> to <c>exp</c>; five minutes unless given.</param>
    /// <param name="issuedAt"><c>iat</c> and <c>nbf</c>; now unless given (a test of expiry issues in the past).</param>
    public string CreateToken(string scope, string subject, IEnumerable<Claim> claims, TimeSpan? lifetime = null, DateTime? issuedAt = null)
    {
        var issued = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("scope", scope), .. claims]),
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued.Add(lifetime ?? TimeSpan.FromMinutes(5)),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A citizen's card token (scope <c>citizen</c>, plus <paramref name="extraScopes"/>).</summary>
    public string CreateCitizenToken(Guid citizenId, Guid? cardId = null, string? department = null,
        IEnumerable<string>? roles = null, IEnumerable<string>? organisations = null, string extraScopes = "", DateTime? issuedAt = null) =>
        CreateToken(
            string.Join(' ', new[] { "citizen", extraScopes }.Where(s => s.Length > 0)),
            citizenId.ToString(),
            [
                new Claim("card_id", (cardId ?? Guid.NewGuid()).ToString()),
                .. department is null ? [] : new[] { new Claim("department", department) },
                .. (roles ?? []).Select(role => new Claim("role", role)),
                .. (organisations ?? []).Select(organisation => new Claim("organisation", organisation)),
            ],
            issuedAt: issuedAt);

    /// <summary>A department system's <c>client_credentials</c> token.</summary>
    public string CreateDepartmentToken(string clientId, string scope, string? department = null) =>
        CreateToken(scope, clientId,
        [
            new Claim("client_id", clientId),
            .. department is null ? [] : new[] { new Claim("department", department) },
        ]);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }

    private static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };
}
