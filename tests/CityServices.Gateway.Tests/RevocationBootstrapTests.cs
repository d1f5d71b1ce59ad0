using CityServices.EventPipeline.TestService;

namespace CityServices.Gateway.Tests;

/// <summary>
/// Revocations a process's feed cannot see: made before it started, or while its broker was away.
/// Each process reads identity's revocation list at start and after every reconnect, so real
/// identity, a service on the shared defaults and the gateway, over real PostgreSQL and RabbitMQ,
/// refuse such a token all the same; and the gateway keeps serving while the broker is away.
/// </summary>
public sealed class RevocationBootstrapTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AfterReconnect = TimeSpan.FromSeconds(60);

    private readonly string _prefix = CityInfrastructure.NewPrefix("gateway-bootstrap");
    private IdentityService _identity = null!;
    private EchoBackend _healthRecords = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await IdentityService.StartAsync(infrastructure, "gateway-bootstrap", _prefix);
        _healthRecords = await EchoBackend.StartAsync("health-records");
    }

    public async ValueTask DisposeAsync()
    {
        await _healthRecords.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task A_card_revoked_before_a_service_and_the_gateway_start_is_refused_by_both()
    {
        // given a card revoked while neither process was running
        var (lostCard, lostToken) = await _identity.SignedInCardAsync();
        var (_, keptToken) = await _identity.SignedInCardAsync();
        await _identity.RevokeAsync(lostCard);

        // when a service and the gateway start afterwards
        await using var permits = await ServiceHost.StartAsync(infrastructure, PermitsApp.Create, "gateway-bootstrap-permits",
            new ServiceHostOptions { Authority = _identity.Issuer, Prefix = _prefix, Settings = ["--EventStore:RunRelay=false"] });
        await using var gateway = await StartGatewayAsync(infrastructure.RabbitMqUri);

        // then both refuse the revoked card's token, and only it
        await Eventually.UntilAsync(() => AtPermitsAsync(permits, lostToken), s => s == HttpStatusCode.Unauthorized,
            "the service started after the revocation to refuse the token", WithinSeconds);
        await Eventually.UntilAsync(() => AtGatewayAsync(gateway, lostToken), s => s == HttpStatusCode.Unauthorized,
            "the gateway started after the revocation to refuse the token", WithinSeconds);
        // Authenticated at the service: its audit export answers a citizen with 403, not 401.
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (await AtPermitsAsync(permits, keptToken), await AtGatewayAsync(gateway, keptToken)));
    }

    [Fact]
    public async Task A_card_revoked_while_the_gateway_is_cut_off_from_the_broker_is_refused_once_it_reconnects()
    {
        // given a gateway whose broker connection a test can cut, and two signed-in cards
        await using var proxy = new CuttableTcpProxy(infrastructure.RabbitMqUri.Host, infrastructure.RabbitMqUri.Port);
        await using var gateway = await StartGatewayAsync(new UriBuilder(infrastructure.RabbitMqUri) { Port = proxy.Port }.Uri);
        var (lostCard, lostToken) = await _identity.SignedInCardAsync();
        var (_, keptToken) = await _identity.SignedInCardAsync();

        // when the card is revoked while the gateway's broker is away (its queue, and so the event, gone)
        proxy.Cut();
        await _identity.RevokeAsync(lostCard);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        // then the gateway keeps serving with the view it had, ready all along
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (await AtGatewayAsync(gateway, keptToken), await AtGatewayAsync(gateway, lostToken)));
        using (var ready = await gateway.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // and once the broker is back it reads the list again and refuses the revoked card's token
        proxy.Restore();
        await Eventually.UntilAsync(() => AtGatewayAsync(gateway, lostToken), s => s == HttpStatusCode.Unauthorized,
            "the gateway to learn the revocation after reconnecting", AfterReconnect);
        Assert.Equal(HttpStatusCode.OK, await AtGatewayAsync(gateway, keptToken));
    }

    private Task<GatewayHost> StartGatewayAsync(Uri rabbitMq) =>
        GatewayHost.StartAsync(_identity.Issuer, new Dictionary<string, Uri[]> { ["health-records"] = [_healthRecords.Address] },
            $"--ConnectionStrings:RabbitMq={rabbitMq}", $"--Messaging:EntityPrefix={_prefix}");

    private static async Task<HttpStatusCode> AtGatewayAsync(GatewayHost gateway, string token)
    {
        using var response = await gateway.GetAsync("/api/health-records/me", token);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> AtPermitsAsync(ServiceHost permits, string token)
    {
        using var response = await permits.SendAsync(HttpMethod.Get, "/api/permits/audit/events", token);
        return response.StatusCode;
    }
}
