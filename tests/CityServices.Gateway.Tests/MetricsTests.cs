using System.Globalization;

namespace CityServices.Gateway.Tests;

/// <summary>Metrics name routes, clients and volumes: the public port neither serves nor routes them.</summary>
public sealed class MetricsTests : IssuerAndBackend
{
    [Fact]
    public async Task Metrics_are_served_on_the_management_port_and_neither_served_nor_routed_on_the_public_one()
    {
        // given a gateway with a management port, every service behind it answering
        var metricsPort = Loopback.FreePort();
        await using var gateway = await GatewayHost.StartAsync(Issuer,
            GatewayHost.Services.ToDictionary(service => service, _ => new[] { Backend.Address }),
            $"--Metrics:Port={metricsPort.ToString(CultureInfo.InvariantCulture)}");

        // when /metrics is asked on the public port, plainly, with a token, and naming the management port as Host
        var plain = await gateway.GetAsync("/metrics");
        var withToken = await gateway.GetAsync("/metrics", Issuer.CreateDepartmentToken("clinic", "health-records"));
        var forgedHost = await gateway.GetAsync("/metrics", configure: request => request.Headers.Host = $"127.0.0.1:{metricsPort}");

        // then each is a 404 the gateway gives itself, while the management port serves the metrics
        await Expect.ProblemAsync(HttpStatusCode.NotFound, plain);
        await Expect.ProblemAsync(HttpStatusCode.NotFound, withToken);
        await Expect.ProblemAsync(HttpStatusCode.NotFound, forgedHost);
        Assert.DoesNotContain(Backend.Seen, request => request.Path.Contains("metrics", StringComparison.Ordinal));
        var scrape = await gateway.Http.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram",
            await scrape.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
