using System.Diagnostics.Metrics;
using CityServices.EventPipeline.Relay;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace CityServices.EventPipeline.Messaging;

/// <summary>
/// Whether the bus is connected, as a metric rather than a readiness failure: requests need only the
/// database (writes wait in the outbox), so a broker outage is an alert, not a reason to stop serving.
/// </summary>
internal sealed class BrokerConnectivity(IBusControl bus, IMeterFactory meters) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        meters.Create(OutboxRelay.ActivitySourceName).CreateObservableGauge("city.messaging.broker.connected",
            () => bus.CheckHealth().Status == BusHealthStatus.Healthy ? 1 : 0,
            description: "1 while the bus is connected to RabbitMQ with every receive endpoint up; 0 otherwise.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
