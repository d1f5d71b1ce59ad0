using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CityServices.Identity;

namespace CityServices.Gateway.Tests.Support;

/// <summary>
/// The real identity service in-process, with its own database, signing key and the registry's
/// department client: it issues the tokens, stores the revocations and lists them.
/// </summary>
internal sealed class IdentityService : IAsyncDisposable
{
    private const string Registrar = "identity-department";
    private const string RegistrarSecret = "test-identity-department-secret";

    private readonly ServiceHost _host;
    private readonly HttpClient _registrar;
    private readonly List<ECDsa> _keys = [];

    private IdentityService(ServiceHost host, HttpClient registrar)
    {
        _host = host;
        _registrar = registrar;
    }

    /// <summary>The issuer its tokens name, which is also where it listens.</summary>
    public Uri Issuer => _host.Address;

    public static async Task<IdentityService> StartAsync(CityInfrastructure infrastructure, string name, string prefix)
    {
        var issuer = new Uri($"http://127.0.0.1:{Loopback.FreePort()}/");
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var host = await ServiceHost.StartAsync(infrastructure, IdentityApp.Create, name, new ServiceHostOptions
        {
            Prefix = prefix,
            Url = issuer,
            Settings =
            [
                $"--Identity:Tokens:Issuer={issuer}",
                $"--Identity:Tokens:SigningKey={Convert.ToBase64String(signingKey.ExportPkcs8PrivateKey())}",
                $"--Identity:Clients:{Registrar}:Secret={RegistrarSecret}",
                $"--Identity:Clients:{Registrar}:Scopes:0=identity",
                $"--Identity:Clients:{Registrar}:Department=identity",
            ],
        });
        var token = await CitizenCardClient.ClientTokenAsync(host.Http, Registrar, RegistrarSecret, ct: Ct);
        return new IdentityService(host, host.WithToken(token));
    }

    /// <summary>Registers a citizen, issues them a card and signs in with it.</summary>
    public async Task<(Guid CardId, string Token)> SignedInCardAsync()
    {
        var citizen = await PostAsync("/api/identity/citizens", new
        {
            nationalId = "T" + RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            givenName = "Mei",
            familyName = "Lin",
            birthDate = "1990-04-12",
            district = "da-an",
        }, HttpStatusCode.Created);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _keys.Add(key);
        var card = await PostAsync($"/api/identity/citizens/{citizen.GetProperty("id").GetGuid()}/cards",
            new { publicKey = key.ExportSubjectPublicKeyInfoPem() }, HttpStatusCode.Created);
        var cardId = card.GetProperty("id").GetGuid();
        return (cardId, await new CitizenCardClient(_host.Http).SignInAsync(cardId, key, ct: Ct));
    }

    public async Task RevokeAsync(Guid cardId)
    {
        using var response = await _registrar.PostAsJsonAsync($"/api/identity/cards/{cardId}/revocation", new { reason = "stolen" }, Ct);
        await Expect.StatusAsync(HttpStatusCode.NoContent, response);
    }

    public async ValueTask DisposeAsync()
    {
        _registrar.Dispose();
        _keys.ForEach(key => key.Dispose());
        await _host.DisposeAsync();
    }

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await _registrar.PostAsJsonAsync(path, body, Ct);
        return await Expect.JsonAsync(expected, response);
    }
}
