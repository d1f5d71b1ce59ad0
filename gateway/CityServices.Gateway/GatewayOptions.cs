using System.ComponentModel.DataAnnotations;
using CityServices.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace CityServices.Gateway;

/// <summary>The gateway's own settings (section <c>Gateway</c>); routes and clusters live in <c>ReverseProxy</c>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Per-client and per-IP request limits (<c>Gateway:RateLimits</c>).</summary>
    [Required]
    [ValidateObjectMembers]
    public RateLimitsOptions RateLimits { get; set; } = new();

    /// <summary>How long a connection to a service may take before the request fails with 503.
    /// Without it a destination that drops SYNs (a dead pod's address) holds a request for minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Gateway:ConnectTimeout must be between 50 ms and 1 minute.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Browser origins allowed to call the API (<c>Gateway:Cors:AllowedOrigins</c>); none by default.</summary>
    [Required]
    [ValidateObjectMembers]
    public GatewayCorsOptions Cors { get; set; } = new();

    /// <summary>
    /// Authorization policies routes name in <c>AuthorizationPolicy</c>: policy name → the scopes of
    /// which a token must hold at least one (<c>Gateway:ScopePolicies:health-records:0=health-records</c>).
    /// </summary>
    [Required]
    public Dictionary<string, List<string>> ScopePolicies { get; set; } = [];
}

/// <summary>
/// <c>Gateway:RateLimits</c>: both limits apply to every request but probes; each is a fixed window
/// without a queue, advertised in the <c>RateLimit-Policy</c>/<c>RateLimit</c> fields.
/// </summary>
public sealed class RateLimitsOptions
{
    /// <summary>
    /// Per token holder: a person's token (one with <c>card_id</c>) by its <c>sub</c>, the citizen;
    /// a department or auditor token by its <c>client_id</c>. Anonymous requests skip it.
    /// </summary>
    [Required]
    [ValidateObjectMembers]
    public WindowLimitOptions PerClient { get; set; } = new() { PermitLimit = 50 };

    /// <summary>Per client IP address, tokens or not: the only identity of anonymous callers.</summary>
    [Required]
    [ValidateObjectMembers]
    public WindowLimitOptions PerIp { get; set; } = new() { PermitLimit = 100 };
}

/// <summary>A fixed-window limit: <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class WindowLimitOptions
{
    [Range(1, 10_000_000, ErrorMessage = "PermitLimit must be between 1 and 10000000.")]
    public int PermitLimit { get; set; } = 100;

    /// <summary>At least a second: the RateLimit fields state windows in whole seconds (rounded up).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Window must be between 1 second and 1 hour.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary><c>Gateway:Cors</c>: CORS stays closed (no <c>Access-Control-Allow-Origin</c>) until origins are listed.</summary>
public sealed class GatewayCorsOptions
{
    /// <summary>Exact origins such as <c>https://portal.city.example</c>; <c>*</c> is refused.</summary>
    [Required]
    public List<string> AllowedOrigins { get; set; } = [];
}

internal static class GatewayOptionsRegistration
{
    public static void AddGatewayOptions(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
    }
}
