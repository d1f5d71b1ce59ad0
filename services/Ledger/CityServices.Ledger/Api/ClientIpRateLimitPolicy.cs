using CityServices.ServiceDefaults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CityServices.Ledger.Api;

/// <summary>
/// The public API is anonymous, so the client's IP address is the only identity to limit by: the
/// peer's address, or the one a proxy listed in <c>ForwardedHeaders</c> forwards (the gateway); a
/// forwarded address from anyone else is ignored. It applies to the routes that ask for it with
/// <c>RequireRateLimiting(Name)</c>; refusals are 429 problems with Retry-After, and every answer
/// of those routes carries the RateLimit fields.
/// </summary>
public sealed class ClientIpRateLimitPolicy(IOptions<LedgerApiOptions> options) : IRequestQuota
{
    public const string Name = "ledger-client-ip";

    string IRequestQuota.Name => Name;

    public int Quota => options.Value.RateLimit.PermitLimit;

    public TimeSpan Window => options.Value.RateLimit.Window;

    public string? PartitionOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Name
            ? context.Connection.RemoteIpAddress?.ToString() ?? "unknown"
            : null;
    }
}
