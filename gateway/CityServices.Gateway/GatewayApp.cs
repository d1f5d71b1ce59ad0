using CityServices.Gateway.Docs;
using CityServices.Gateway.Limits;
using CityServices.Gateway.Routing;
using CityServices.Gateway.Security;
using CityServices.ServiceDefaults;

namespace CityServices.Gateway;

/// <summary>
/// The gateway as Program.cs runs it. Tests build it in-process on a real port, with settings
/// as <c>--Key=value</c> arguments (routes and clusters included: <c>--ReverseProxy:Clusters:…</c>).
/// </summary>
public static class GatewayApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGeneratedRoutes();
        // The edge: X-Forwarded-* from callers is never believed (behind an ingress,
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts it explicitly).
        builder.AddServiceDefaults(defaults => defaults.TrustForwardedHeaders = false);
        builder.AddGatewayOptions();
        builder.AddScopePolicies();
        builder.AddIssuerOutageAnswer();
        builder.AddGatewayRevocation();
        builder.AddGatewayCors();
        builder.AddGatewayRateLimits();
        builder.AddGatewayProxy();
        builder.AddApiReference();

        var app = builder.Build();
        app.UseServiceDefaults(beforeAuthorization: edge =>
        {
            edge.UseGatewayCors();
            edge.UseRequestQuotas();
        });
        app.MapApiReferenceRedirect();
        app.MapGatewayProxy();
        app.MapDefaultEndpoints();
        return app;
    }
}
