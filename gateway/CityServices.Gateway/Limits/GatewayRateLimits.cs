using System.Security.Claims;
using CityServices.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace CityServices.Gateway.Limits;

/// <summary>
/// Two fixed-window quotas on every request but probes, each advertised in the RateLimit fields:
/// <c>per-ip</c> per client address and <c>per-client</c> per token holder. They run after
/// authentication (the holder is known only from a valid token: a forged claim cannot spend another's
/// budget) and before authorization (so refused requests count too). A refusal is a 429 problem
/// with Retry-After.
/// </summary>
internal static class GatewayRateLimits
{
    public static void AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRequestQuota<PerIpQuota>();
        builder.Services.AddRequestQuota<PerClientQuota>();
    }

    /// <summary>
    /// Whom a validated token speaks for: a person (a token with <c>card_id</c>) is their own
    /// subject, so citizens signed in through the one card client never share a budget; a
    /// department or auditor client is its client id. Null for anonymous callers and invalid tokens.
    /// </summary>
    private static string? HolderOf(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return user.FindFirst(CityClaims.CardId) is not null && user.FindFirst(CityClaims.Subject)?.Value is { } person
            ? $"person:{person}"
            : (user.FindFirst(CityClaims.ClientId) ?? user.FindFirst(CityClaims.Subject))?.Value is { } client ? $"client:{client}" : null;
    }

    /// <summary>Kubernetes probes come from one address every few seconds: never limited.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(DefaultEndpoints.HealthPath) || path.StartsWithSegments(DefaultEndpoints.MetricsPath);

    private sealed class PerIpQuota(IOptions<GatewayOptions> options) : IRequestQuota
    {
        public string Name => "per-ip";

        public int Quota => options.Value.RateLimits.PerIp.PermitLimit;

        public TimeSpan Window => options.Value.RateLimits.PerIp.Window;

        public string? PartitionOf(HttpContext context) =>
            IsProbe(context.Request.Path) ? null : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private sealed class PerClientQuota(IOptions<GatewayOptions> options) : IRequestQuota
    {
        public string Name => "per-client";

        public int Quota => options.Value.RateLimits.PerClient.PermitLimit;

        public TimeSpan Window => options.Value.RateLimits.PerClient.Window;

        public string? PartitionOf(HttpContext context) => IsProbe(context.Request.Path) ? null : HolderOf(context.User);
    }
}
