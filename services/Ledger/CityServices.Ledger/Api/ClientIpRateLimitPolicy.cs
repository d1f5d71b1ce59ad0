using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CityServices.Ledger.Api;

/// <summary>
/// The public API is anonymous, so the client's IP address is the only identity to limit by.
/// Behind the gateway this is the address ASP.NET Core resolves for the request (forwarded
/// headers, when the host trusts the proxy). Rejections are 429 problems with Retry-After.
/// </summary>
public sealed class ClientIpRateLimitPolicy(IOptions<LedgerApiOptions> options, IProblemDetailsService problems) : IRateLimiterPolicy<string>
{
    public const string Name = "ledger-client-ip";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Value.RateLimit.Window;
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This address may make {options.Value.RateLimit.PermitLimit} requests per {options.Value.RateLimit.Window}; retry after {seconds} s.",
            },
        });
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var limit = options.Value.RateLimit;
        return RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 });
    }
}
