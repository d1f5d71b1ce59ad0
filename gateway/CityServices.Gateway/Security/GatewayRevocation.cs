using CityServices.EventPipeline;
using CityServices.Revocation;

namespace CityServices.Gateway.Security;

/// <summary>
/// The edge refuses a revoked card's or a withdrawn role's token as the services do, from its own
/// view: read from identity's revocation list at start and after every reconnect, and kept up by
/// identity's events on a temporary queue (no database, no call to identity per request). The
/// gateway serves without waiting for the broker or identity: it routes with the view it has and
/// catches up when they answer; the services check again behind it. The broker's address is
/// required outside Development; in Development a gateway without one (tests of routing alone)
/// relies on the services.
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
        }
    }
}
