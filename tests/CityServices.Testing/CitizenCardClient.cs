using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CityServices.Testing;

/// <summary>A challenge from <c>POST /connect/challenge</c>: the nonce and the exact message to sign.</summary>
public sealed record CardChallenge(string Nonce, string Message, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs in with a citizen card as a person's wallet would (docs/identity.md): ask for a challenge,
/// sign its message with the card's private key (ECDSA P-256, SHA-256), redeem it at the token
/// endpoint with the public client <c>city-citizen</c>. Works against identity or the gateway.
/// </summary>
public sealed class CitizenCardClient(HttpClient http)
{
    public const string GrantType = "urn:cityservices:params:oauth:grant-type:citizen-card";
    public const string PublicClientId = "city-citizen";

    /// <summary>Signs in and returns the access token; throws with the server's answer when refused.</summary>
    public async Task<string> SignInAsync(Guid cardId, ECDsa key, string scope = "citizen", CancellationToken ct = default)
    {
        var challenge = await ChallengeAsync(cardId, ct);
        using var response = await RequestTokenAsync(cardId, challenge.Nonce, Sign(key, challenge.Message), scope, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Card sign-in refused ({(int)response.StatusCode}): {body}", null, response.StatusCode);
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<CardChallenge> ChallengeAsync(Guid cardId, CancellationToken ct = default)
    {
        using var response = await http.PostAsync("/connect/challenge",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["card_id"] = cardId.ToString() }), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Challenge refused ({(int)response.StatusCode}): {body}", null, response.StatusCode);
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new CardChallenge(root.GetProperty("nonce").GetString()!, root.GetProperty("message").GetString()!,
            root.GetProperty("expires_at").GetDateTimeOffset());
    }

    /// <summary>The token request of the card grant, answered as is (success or OAuth error).</summary>
    public Task<HttpResponseMessage> RequestTokenAsync(Guid cardId, string nonce, string signature, string scope = "citizen", CancellationToken ct = default) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantType,
            ["client_id"] = PublicClientId,
            ["card_id"] = cardId.ToString(),
            ["nonce"] = nonce,
            ["signature"] = signature,
            ["scope"] = scope,
        }), ct);

    /// <summary>The base64url signature of the UTF-8 message: IEEE P1363 (r‖s) by default, DER as openssl writes it on request.</summary>
    public static string Sign(ECDsa key, string message, DSASignatureFormat format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Base64Url.EncodeToString(key.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, format));
    }

    /// <summary>A <c>client_credentials</c> token for a department system or an auditor.</summary>
    public static async Task<string> ClientTokenAsync(HttpClient http, string clientId, string secret, string? scope = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Client sign-in refused ({(int)response.StatusCode}): {body}", null, response.StatusCode);
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
