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

    /// <summary>One master key and one national-id index key for the test run: a host restarted on its database reads what it wrote.</summary>
    public static readonly string MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static readonly string NationalIdKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly ServiceHost _host;

    private IdentityHost(ServiceHost host)
    {
        _host = host;
        Cards = new CitizenCardClient(Http);
    }

    public Uri Issuer => _host.Address;

    public string Postgres => _host.Postgres;

    /// <summary>An anonymous client of the service.</summary>
    public HttpClient Http => _host.Http;

    public CitizenCardClient Cards { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts identity on a port chosen first, because the issuer it names in tokens is configured.</summary>
    public static async Task<IdentityHost> StartAsync(
        CityInfrastructure infrastructure, string hint, TimeProvider? clock = null, string? prefix = null, string? postgres = null, params string[] extraSettings)
    {
        var issuer = new Uri($"http://127.0.0.1:{Loopback.FreePort()}/");
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var host = await ServiceHost.StartAsync(infrastructure, IdentityApp.Create, hint, new ServiceHostOptions
        {
            Postgres = postgres,
            Prefix = prefix,
            Url = issuer,
            Settings =
            [
                $"--Identity:Tokens:Issuer={issuer}",
                $"--Identity:Tokens:SigningKey={Convert.ToBase64String(signingKey.ExportPkcs8PrivateKey())}",
                $"--Identity:PersonalData:MasterKey={MasterKey}",
                $"--Identity:PersonalData:NationalIdKey={NationalIdKey}",
                .. Clients.SelectMany(client => ClientSettings(client.Key, client.Value)),
                .. extraSettings,
            ],
            ConfigureServices = clock is null ? null : services => services.AddSingleton(clock),
        });
        return new IdentityHost(host);
    }

    /// <summary>A client_credentials token of one of <see cref="Clients"/>.</summary>
    public Task<string> ClientTokenAsync(string clientId, string? scope = null) =>
        CitizenCardClient.ClientTokenAsync(Http, clientId, Clients[clientId].Secret, scope, Ct);

    /// <summary>An HttpClient sending <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token) => _host.WithToken(token);

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
        }, Ct);
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return await IdOf(response);
    }

    /// <summary>Issues a card with a fresh key pair; the caller owns the returned key.</summary>
    public static async Task<(Guid CardId, ECDsa Key)> IssueCardAsync(HttpClient registrar, Guid citizenId)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var response = await registrar.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/cards",
            new { publicKey = PublicJwk(key) }, Ct);
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return (await IdOf(response), key);
    }

    public static object PublicJwk(ECDsa key)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new { kty = "EC", crv = "P-256", x = System.Buffers.Text.Base64Url.EncodeToString(point.X), y = System.Buffers.Text.Base64Url.EncodeToString(point.Y) };
    }

    public static string NewNationalId() => "T" + RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Guid> IdOf(HttpResponseMessage response) => (await Expect.BodyAsync(response)).GetProperty("id").GetGuid();

    private static IEnumerable<string> ClientSettings(string clientId, (string Secret, string Scope, string? Department) client) =>
    [
        $"--Identity:Clients:{clientId}:Secret={client.Secret}",
        $"--Identity:Clients:{clientId}:Scopes:0={client.Scope}",
        .. client.Department is null ? [] : new[] { $"--Identity:Clients:{clientId}:Department={client.Department}" },
    ];

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
