using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CityServices.ServiceDefaults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CityServices.Gateway.Limits;

/// <summary>
/// Two fixed-window limits on every request, chained: one per client IP address and one per token
/// client (<c>client_id</c>, else <c>sub</c>). They run after authentication (so the client is known
/// only from a valid token: a forged claim cannot spend another client's budget) and before
/// authorization (so refused requests count too). A rejection is a 429 problem with Retry-After.
/// </summary>
internal static class GatewayRateLimits
{
    public static void AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limiter, gateway) =>
        {
            var limits = gateway.Value.RateLimits;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(PerIp(limits.PerIp), PerClient(limits.PerClient));
            limiter.OnRejected = (context, _) => RejectAsync(context, limits);
        });
    }

    private static PartitionedRateLimiter<HttpContext> PerIp(WindowLimitOptions limit) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => IsProbe(context.Request.Path)
            ? RateLimitPartition.GetNoLimiter(string.Empty)
            : RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => Window(limit)));

    private static PartitionedRateLimiter<HttpContext> PerClient(WindowLimitOptions limit) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => ClientOf(context.User) is { } client
            ? RateLimitPartition.GetFixedWindowLimiter(client, _ => Window(limit))
            : RateLimitPartition.GetNoLimiter(string.Empty));

    /// <summary>The client a validated token speaks for; null for anonymous callers and invalid tokens.</summary>
    private static string? ClientOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirst(CityClaims.ClientId)?.Value ?? user.FindFirst(CityClaims.Subject)?.Value
            : null;

    /// <summary>Kubernetes probes and metric scrapes come from one address every few seconds: never limited.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(DefaultEndpoints.HealthPath) || path.StartsWithSegments(DefaultEndpoints.MetricsPath);

    private static FixedWindowRateLimiterOptions Window(WindowLimitOptions limit) =>
        new() { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitsOptions limits)
    {
        // A fixed window's lease names the time to its end; the longer window is the safe fallback.
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : TimeSpan.FromTicks(Math.Max(limits.PerIp.Window.Ticks, limits.PerClient.Window.Ticks));
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The request limit of this client or address is used up; retry after {seconds} s. "
                    + $"Limits: {limits.PerClient.PermitLimit} per {limits.PerClient.Window} per client, "
                    + $"{limits.PerIp.PermitLimit} per {limits.PerIp.Window} per address.",
            },
        });
    }
}
