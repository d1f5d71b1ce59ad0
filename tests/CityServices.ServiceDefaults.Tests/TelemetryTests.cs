using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CityServices.ServiceDefaults.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_serves_prometheus_text_with_http_masstransit_and_service_meters()
    {
        await using var service = await TestService.StartAsync(map: app => app.MapGet("/hello", () => "hello"));
        using var massTransit = new Meter("MassTransit");
        using var own = new Meter("test-service");
        massTransit.CreateCounter<long>("probe.masstransit").Add(1);
        own.CreateCounter<long>("probe.service").Add(1);

        await service.Client.GetAsync("/hello", Ct);
        var response = await service.Client.GetAsync("/metrics", Ct);

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
}
