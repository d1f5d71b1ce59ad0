using CityServices.ServiceDefaults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CityServices.Gateway.Security;

/// <summary>
/// Turns <c>Gateway:ScopePolicies</c> into authorization policies that routes name in
/// <c>ReverseProxy:Routes:*:AuthorizationPolicy</c>. The edge checks only that the token is valid
/// and holds a scope that can ever be used on that service (401, else 403); each service decides
/// the rest itself, and validates the token again.
/// </summary>
internal static class ScopePolicies
{
    public static void AddScopePolicies(this IHostApplicationBuilder builder) =>
        builder.Services.AddOptions<AuthorizationOptions>()
            .Configure<IOptions<GatewayOptions>>((authorization, gateway) =>
            {
                foreach (var (name, scopes) in gateway.Value.ScopePolicies)
                {
                    authorization.AddPolicy(name, policy => policy.RequireScope([.. scopes]));
                }
            });
}
