using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.EventPipeline.Tests;

public sealed class BrokerOutageTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _prefix = CityInfrastructure.NewPrefix("outage");
    private CuttableTcpProxy _proxy = null!;
    private ProbeHost _probe = null!;
    private PermitsServiceHost _service = null!;

    public async ValueTask InitializeAsync()
    {
        _probe = await ProbeHost.StartAsync(infrastructure, _prefix,
            bus => bus.AddConsumer<RecordedEventsProbe, RecordedEventsProbeDefinition>());
        // Only the service's connection to the broker goes through the proxy.
        _proxy = new CuttableTcpProxy(infrastructure.RabbitMqUri.Host, infrastructure.RabbitMqUri.Port);
        var throughProxy = new UriBuilder(infrastructure.RabbitMqUri) { Port = _proxy.Port }.Uri;
        _service = await PermitsServiceHost.StartAsync(infrastructure, await infrastructure.CreateDatabaseAsync("outage"), _prefix,
            rabbitMq: throughProxy);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _proxy.DisposeAsync();
        await _probe.DisposeAsync();
    }

    [Fact]
    public async Task Events_stored_while_the_broker_is_unreachable_are_published_when_it_returns()
    {
        // given a service whose relay has published what it had
        await ApplyForPermits(3);
        await Eventually.Until(() => _probe.Log.HandledOf<EventRecorded>().Count, n => n == 3, "the first three events", Patience);

        // when the service loses the broker while requests keep coming
        _proxy.Cut();
        await ApplyForPermits(4);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.Equal(3, _probe.Log.HandledOf<EventRecorded>().Count);

        // and the broker comes back
        _proxy.Restore();

        // then every event stored meanwhile is published, each once: counted once a marker stored
        // after them has arrived (the relay publishes in sequence order, so any copy came before it)
        await ApplyForPermits(1);
        var recorded = await Eventually.Until(
            () => _probe.Log.HandledOf<EventRecorded>(), r => r.DistinctBy(e => e.EventId).Count() == 8, "the events stored during the outage and the marker", Patience);
        Assert.Equal(8, recorded.Count);
        Assert.Equal(recorded.Select(r => r.Sequence).Order(), recorded.Select(r => r.Sequence));
    }

    [Fact]
    public async Task While_the_broker_is_unreachable_reads_and_writes_succeed_and_the_relay_lag_rises_until_it_returns()
    {
        // given a service whose relay has caught up
        var lag = _service.Services.GetRequiredService<OutboxLag>();
        await ApplyForPermits(1);
        await Eventually.Until(() => (lag.Pending, lag.Age), l => l == (0, TimeSpan.Zero), "the relay to catch up", Patience);

        // when the service loses the broker
        _proxy.Cut();
        await Eventually.UntilAsync(ReadinessAsync, r => r.Status == "Degraded", "readiness to show the broker as degraded", Patience);

        // then it stays ready, takes writes and answers reads, while the backlog and its age grow
        var written = await _service.ApplyForPermitAsync("during the outage", ct: Ct);
        using (var read = await _service.Http.GetAsync($"/api/permits/permits/{written}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("during the outage", (await Expect.BodyAsync(read)).GetProperty("applicant").GetString());
        }

        await Eventually.Until(() => (lag.Pending, lag.Age), l => l.Pending >= 1 && l.Age >= TimeSpan.FromSeconds(2), "the relay lag to rise", Patience);
        Assert.Equal((HttpStatusCode.OK, "Degraded"), await ReadinessAsync());

        // and once the broker is back, the backlog is published and the lag returns to zero
        _proxy.Restore();
        await Eventually.Until(() => (lag.Pending, lag.Age), l => l == (0, TimeSpan.Zero), "the lag to return to zero", Patience);
        await Eventually.UntilAsync(ReadinessAsync, r => r == (HttpStatusCode.OK, "Healthy"), "readiness to be healthy again", Patience);
    }

    private async Task<(HttpStatusCode Code, string? Status)> ReadinessAsync()
    {
        using var response = await _service.Http.GetAsync("/health/ready", Ct);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
    }

    private async Task ApplyForPermits(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _service.ApplyForPermitAsync($"applicant {i}", ct: Ct);
        }
    }
}
