using CityServices.Gateway.Limits;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace CityServices.Gateway.Routing;

/// <summary>
/// YARP, configured from the <c>ReverseProxy</c> section (routes, clusters, health checks), so a
/// deployment changes destinations with settings alone; what the gateway <em>is</em> lives here.
/// </summary>
internal static class GatewayProxy
{
    public const string Section = "ReverseProxy";

    public static void AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IForwarderHttpClientFactory, ConnectTimeoutHttpClientFactory>();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection(Section))
            .AddConfigFilter<RouteAuthorizationFilter>()
            .AddTransforms(context =>
            {
                // The gateway is the edge: X-Forwarded-* describe the connection it received, replacing
                // whatever the caller sent, so a service that trusts the gateway cannot be handed a forged address.
                context.AddXForwarded(ForwardedTransformActions.Set);
                // CORS is the gateway's decision alone (GatewayCors): a service's own grant is dropped.
                context.AddResponseHeaderRemove("Access-Control-Allow-Origin");
                context.AddResponseHeaderRemove("Access-Control-Allow-Credentials");
            });
    }

    public static void MapGatewayProxy(this WebApplication app) =>
        app.MapReverseProxy(proxy =>
        {
            proxy.UseProxyErrorProblems();
            proxy.UseRequestBodyLimit();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
}
