using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;

namespace CityServices.Gateway.Tests.Support;

/// <summary>
/// The gateway in-process on a real loopback port, with its shipped appsettings and every cluster
/// pointed at the test's backends through <c>--ReverseProxy:Clusters:…</c> arguments. A service the
/// test gives no backend points at a port where nothing listens, never at a real local service.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public static readonly string[] Services = ["identity", "health-records", "trade", "voting", "sharing", "ledger"];

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, TestIssuer? issuer)
    {
        _app = app;
        Issuer = issuer;
        // The public address comes first; a management port (Metrics:Port) is added after it.
        Address = new Uri(app.Urls.First());
        // No automatic traceparent: each test decides whether the client sends one.
        Http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null, AllowAutoRedirect = false })
        {
            BaseAddress = Address,
        };
    }

    public Uri Address { get; }

    /// <summary>A client that sends only what a test puts on the request.</summary>
    public HttpClient Http { get; }

    /// <summary>The test issuer the gateway trusts; null when it trusts a real identity.</summary>
    public TestIssuer? Issuer { get; }

    /// <param name="issuer">The token issuer the gateway trusts.</param>
    /// <param name="destinations">Service → the addresses of its replicas.</param>
    /// <param name="settings">More <c>--Key=value</c> settings, applied last.</param>
    public static async Task<GatewayHost> StartAsync(TestIssuer issuer, IReadOnlyDictionary<string, Uri[]> destinations, params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return await StartAsync(new Uri(issuer.Issuer), issuer, destinations, settings);
    }

    /// <summary>
    /// The gateway with the health checks it ships (probe interval, failure threshold, reactivation
    /// period), instead of the fast ones the other tests use to see health changes in about a second.
    /// </summary>
    public static async Task<GatewayHost> StartWithShippedHealthChecksAsync(TestIssuer issuer, IReadOnlyDictionary<string, Uri[]> destinations, params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return await StartAsync(new Uri(issuer.Issuer), issuer, destinations, settings, shippedHealthChecks: true);
    }

    /// <param name="authority">The token issuer the gateway trusts, e.g. a real identity service.</param>
    /// <param name="destinations">Service → the addresses of its replicas.</param>
    /// <param name="settings">More <c>--Key=value</c> settings, applied last.</param>
    public static Task<GatewayHost> StartAsync(Uri authority, IReadOnlyDictionary<string, Uri[]> destinations, params string[] settings) =>
        StartAsync(authority, null, destinations, settings);

    /// <summary>
    /// Returns once readiness is Healthy: with a broker, its revocation queue is then bound, so an event
    /// published after this is not missed (the gateway itself serves earlier, with the view it has).
    /// </summary>
    private static async Task<GatewayHost> StartAsync(
        Uri authority, TestIssuer? issuer, IReadOnlyDictionary<string, Uri[]> destinations, string[] settings, bool shippedHealthChecks = false)
    {
        var app = GatewayApp.Create([.. Settings(authority, destinations, shippedHealthChecks), .. settings]);
        await app.StartAsync(Ct);
        var host = new GatewayHost(app, issuer);
        await Eventually.UntilAsync(() => ServiceHost.IsHealthyAsync(host.Http), healthy => healthy, "the gateway's bus to be connected");
        return host;
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? token = null, Action<HttpRequestMessage>? configure = null) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), token, configure);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? token = null, Action<HttpRequestMessage>? configure = null)
    {
        using (request)
        {
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            configure?.Invoke(request);
            return await Http.SendAsync(request, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IEnumerable<string> Settings(Uri authority, IReadOnlyDictionary<string, Uri[]> destinations, bool shippedHealthChecks)
    {
        yield return "--urls=http://127.0.0.1:0";
        yield return "--environment=Development";
        yield return $"--contentRoot={Path.Combine(AppContext.BaseDirectory, "content", "gateway")}";
        yield return $"--Authentication:Authority={authority}";
        yield return "--Authentication:RequireHttpsMetadata=false";
        yield return "--Logging:LogLevel:Default=Warning";
        yield return "--Logging:LogLevel:Yarp=Error";
        yield return "--Logging:LogLevel:Yarp.ReverseProxy.Health.ActiveHealthCheckMonitor=None";
        foreach (var service in Services)
        {
            var cluster = $"--ReverseProxy:Clusters:{service}";
            var addresses = destinations.TryGetValue(service, out var given) ? given : [Loopback.NothingListens()];
            for (var i = 0; i < addresses.Length; i++)
            {
                yield return $"{cluster}:Destinations:{service}-{i + 1}:Address={addresses[i]}";
            }

            if (shippedHealthChecks)
            {
                continue;
            }

            // Probes every half second, one failure is enough: tests see health changes in about a second.
            yield return $"{cluster}:HealthCheck:Active:Interval=00:00:00.500";
            yield return $"{cluster}:HealthCheck:Active:Timeout=00:00:00.400";
            yield return $"{cluster}:HealthCheck:Passive:ReactivationPeriod=00:00:01";
            yield return $"{cluster}:Metadata:ConsecutiveFailuresHealthPolicy.Threshold=1";
        }
    }
}
