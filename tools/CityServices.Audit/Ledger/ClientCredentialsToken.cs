using System.Net.Http.Json;
using System.Text.Json.Serialization;
using CityServices.Audit.Output;

namespace CityServices.Audit.Ledger;

/// <summary>An auditor's access token: OAuth 2.0 client credentials (RFC 6749 §4.4) with scope <c>audit</c>.</summary>
public static class ClientCredentialsToken
{
    public static async Task<string> RequestAsync(HttpClient http, Uri tokenUrl, string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["scope"] = "audit",
        });
        using var response = await http.PostAsync(tokenUrl, form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new AuditInputException($"The token endpoint {tokenUrl} refused client '{clientId}' ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return token?.AccessToken ?? throw new AuditInputException($"The token endpoint {tokenUrl} answered without an access_token.");
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string? AccessToken);
}
