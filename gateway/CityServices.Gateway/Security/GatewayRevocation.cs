using CityServices.EventPipeline;
using CityServices.Revocation;
using MassTransit;

namespace CityServices.Gateway.Security;

/// <summary>
/// The edge refuses a revoked card's or a withdrawn role's token as the services do, from its own
/// view of identity's events on a temporary queue (no database, no call to identity per request).
/// The broker is required outside Development; in Development a gateway without one (tests of
/// routing alone) relies on the services, which check again.
/// </summary>
internal static class GatewayRevocation
{
    public static void AddGatewayRevocation(this IHostApplicationBuilder builder)
    {
        builder.AddRevocationCheck();
        var hasBroker = !string.IsNullOrEmpty(builder.Configuration.GetConnectionString(EventPipelineExtensions.RabbitMqConnectionName));
        if (hasBroker || !builder.Environment.IsDevelopment())
        {
            // Without the connection string this fails at start, naming ConnectionStrings:RabbitMq.
            builder.AddCityMessaging(followRevocations: true);
            // Serve only once the queue is bound: an event published after start is never missed.
            builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        }
    }
}
