using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using CityServices.Testing;

namespace CityServices.ServiceDefaults.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_serves_prometheus_text_with_http_masstransit_and_service_meters()
    {
        var metricsPort = Loopback.FreePort();
        await using var service = await StartWithMetricsAsync(metricsPort);
        using var massTransit = new Meter("MassTransit");
        using var own = new Meter("test-service");
        massTransit.CreateCounter<long>("probe.masstransit").Add(1);
        own.CreateCounter<long>("probe.service").Add(1);

        await service.Client.GetAsync("/hello", Ct);
        var response = await service.Client.GetAsync(ManagementUrl(metricsPort), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/hello\"", text, StringComparison.Ordinal);
        Assert.Contains("probe_masstransit_total", text, StringComparison.Ordinal);
        Assert.Contains("probe_service_total", text, StringComparison.Ordinal);
        Assert.DoesNotContain(
            text.Split('\n').Where(line => line.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal)),
            line => line.Contains("http_route=\"/metrics\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_are_served_on_the_management_port_only_whatever_the_Host_header_says()
    {
        // given a service with a management port
        var metricsPort = Loopback.FreePort();
        await using var service = await StartWithMetricsAsync(metricsPort);

        // when /metrics is asked on the public port, plainly and with a Host header naming the management port
        var plain = await service.Client.GetAsync("/metrics", Ct);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        forged.Headers.Host = $"127.0.0.1:{metricsPort}";
        var forgedHost = await service.Client.SendAsync(forged, Ct);

        // then both are 404, while the management port serves the metrics and nothing else of the API
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.DoesNotContain("# TYPE", await plain.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, forgedHost.StatusCode);
        var scrape = await service.Client.GetAsync(ManagementUrl(metricsPort), Ct);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_management_port_no_port_serves_metrics()
    {
        await using var service = await TestService.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync("/metrics", Ct)).StatusCode);
    }

    [Fact]
    public async Task Traces_are_collected_from_the_service_source_and_from_added_sources_only()
    {
        var unique = Guid.NewGuid().ToString("N");
        var settings = TestService.BaseSettings();
        settings["Service:Name"] = $"svc-{unique}";
        using var serviceSource = new ActivitySource($"svc-{unique}");
        using var addedSource = new ActivitySource($"lib-{unique}");
        using var strangerSource = new ActivitySource($"stranger-{unique}");

        await using var service = await TestService.StartAsync(settings, register: builder => builder.AddTelemetrySource($"lib-{unique}"));

        Assert.Equal((true, true, false), (serviceSource.HasListeners(), addedSource.HasListeners(), strangerSource.HasListeners()));
    }

    private static Task<TestService> StartWithMetricsAsync(int metricsPort)
    {
        var settings = TestService.BaseSettings();
        settings["Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        return TestService.StartAsync(settings, map: app => app.MapGet("/hello", () => "hello"));
    }

    private static Uri ManagementUrl(int metricsPort) => new($"http://127.0.0.1:{metricsPort}/metrics");
}
