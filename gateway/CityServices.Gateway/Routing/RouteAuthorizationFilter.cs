using Yarp.ReverseProxy.Configuration;

namespace CityServices.Gateway.Routing;

/// <summary>
/// Every route must say who may use it: a scope policy, or <c>anonymous</c> for the public ones.
/// A route that forgot would otherwise be open to anyone; instead the configuration is refused
/// (at start the gateway does not start; on reload the previous configuration stays).
/// </summary>
internal sealed class RouteAuthorizationFilter : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (string.IsNullOrWhiteSpace(route.AuthorizationPolicy))
        {
            throw new InvalidOperationException(
                $"{GatewayProxy.Section}:Routes:{route.RouteId}:AuthorizationPolicy is required: name a Gateway:ScopePolicies entry, or 'anonymous' for a public route.");
        }

        return ValueTask.FromResult(route);
    }
}
