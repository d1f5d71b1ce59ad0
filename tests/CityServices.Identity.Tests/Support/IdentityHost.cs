using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using CityServices.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.Identity.Tests.Support;

/// <summary>
/// The identity service in-process on a real loopback port, with its own database, broker prefix,
/// signing key and clients. The port is chosen before start, because the issuer is configured.
/// </summary>
internal sealed class IdentityHost : IAsyncDisposable
{
    public const string Registrar = "identity-department";
    public const string Health = "health-records-department";
    public const string Trade = "trade-department";
    public const string Auditor = "auditor";
    public const string Reporter = "reporter";

    /// <summary>The clients every test host knows: id → (secret, scope, department).</summary>
    public static readonly IReadOnlyDictionary<string, (string Secret, string Scope, string? Department)> Clients =
        new Dictionary<string, (string, string, string?)>
        {
            [Registrar] = ("test-identity-department-secret", "identity", "identity"),
            [Health] = ("test-health-records-department-secret", "health-records", "health-records"),
            [Trade] = ("test-trade-department-secret", "trade", "trade"),
            [Auditor] = ("test-auditor-secret-0123456789", "audit", null),
            // Holds the identity scope without being a department: may read the registry, may not grant roles.
            [Reporter] = ("test-reporter-secret-0123456789", "identity", null),
        };

    private readonly WebApplication _app;

    private IdentityHost(WebApplication app, Uri issuer, string postgres)
    {
        _app = app;
        Issuer = issuer;
        Postgres = postgres;
        Http = new HttpClient { BaseAddress = issuer };
        Cards = new CitizenCardClient(Http);
    }

    public Uri Issuer { get; }

    public string Postgres { get; }

    /// <summary>An anonymous client of the service.</summary>
    public HttpClient Http { get; }

    public CitizenCardClient Cards { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<IdentityHost> StartAsync(
        CityInfrastructure infrastructure, string hint, TimeProvider? clock = null, string? prefix = null, string? postgres = null, params string[] extraSettings)
    {
        postgres ??= await infrastructure.CreateDatabaseAsync(hint);
        var issuer = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string[] settings =
        [
            $"--urls={issuer.AbsoluteUri.TrimEnd('/')}",
            "--environment=Development",
            $"--Identity:Tokens:Issuer={issuer}",
            $"--Identity:Tokens:SigningKey={Convert.ToBase64String(signingKey.ExportPkcs8PrivateKey())}",
            $"--ConnectionStrings:Postgres={postgres}",
            $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
            $"--Messaging:EntityPrefix={prefix ?? CityInfrastructure.NewPrefix(hint)}",
            "--EventStore:RelayBatchSize=50",
            "--Logging:LogLevel:Default=Warning",
            .. Clients.SelectMany(client => ClientSettings(client.Key, client.Value)),
            .. extraSettings,
        ];
        var app = IdentityApp.Create(settings, services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new IdentityHost(app, issuer, postgres);
    }

    /// <summary>A client_credentials token of one of <see cref="Clients"/>.</summary>
    public Task<string> ClientTokenAsync(string clientId, string? scope = null) =>
        CitizenCardClient.ClientTokenAsync(Http, clientId, Clients[clientId].Secret, scope, TestContext.Current.CancellationToken);

    /// <summary>An HttpClient sending <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = new HttpClient { BaseAddress = Issuer };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpClient> AsClientAsync(string clientId) => WithToken(await ClientTokenAsync(clientId));

    /// <summary>Registers a citizen through the API (as the registry's department) and returns their id.</summary>
    public static async Task<Guid> RegisterAsync(HttpClient registrar, string? nationalId = null, string givenName = "Mei", string familyName = "Lin")
    {
        using var response = await registrar.PostAsJsonAsync("/api/identity/citizens", new
        {
            nationalId = nationalId ?? NewNationalId(),
            givenName,
            familyName,
            birthDate = "1990-04-12",
            district = "da-an",
        }, TestContext.Current.CancellationToken);
        await EnsureAsync(response, HttpStatusCode.Created);
        return await IdOf(response);
    }

    /// <summary>Issues a card with a fresh key pair; the caller owns the returned key.</summary>
    public static async Task<(Guid CardId, ECDsa Key)> IssueCardAsync(HttpClient registrar, Guid citizenId)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var response = await registrar.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/cards",
            new { publicKey = PublicJwk(key) }, TestContext.Current.CancellationToken);
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await IdOf(response), key);
    }

    public static object PublicJwk(ECDsa key)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new { kty = "EC", crv = "P-256", x = System.Buffers.Text.Base64Url.EncodeToString(point.X), y = System.Buffers.Text.Base64Url.EncodeToString(point.Y) };
    }

    public static string NewNationalId() => "T" + RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Fail($"Expected {(int)expected} {expected}, got {(int)response.StatusCode}: {body}");
        }
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response) => (await ReadJsonAsync(response)).GetProperty("id").GetGuid();

    private static IEnumerable<string> ClientSettings(string clientId, (string Secret, string Scope, string? Department) client) =>
    [
        $"--Identity:Clients:{clientId}:Secret={client.Secret}",
        $"--Identity:Clients:{clientId}:Scopes:0={client.Scope}",
        .. client.Department is null ? [] : new[] { $"--Identity:Clients:{clientId}:Department={client.Department}" },
    ];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
