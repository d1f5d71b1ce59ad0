using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CityServices.Ledger.Api;

/// <summary>The public API's limits (section <c>Ledger</c>).</summary>
public sealed class LedgerApiOptions
{
    public const string Section = "Ledger";

    [Required]
    [ValidateObjectMembers]
    public RateLimitOptions RateLimit { get; set; } = new();

    [Required]
    [ValidateObjectMembers]
    public ProofOptions Proofs { get; set; } = new();
}

/// <summary>Requests per client IP address (<c>Ledger:RateLimit</c>): a fixed window, no queue.</summary>
public sealed class RateLimitOptions
{
    [Range(1, 1_000_000, ErrorMessage = "Ledger:RateLimit:PermitLimit must be between 1 and 1000000.")]
    public int PermitLimit { get; set; } = 50;

    /// <summary>At least a second: the RateLimit fields state windows in whole seconds (rounded up).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Ledger:RateLimit:Window must be between 1 second and 1 hour.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>How proofs are served (<c>Ledger:Proofs</c>).</summary>
public sealed class ProofOptions
{
    /// <summary>The Retry-After of a 409 for an event not yet covered by an anchor: about a checkpoint interval.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Ledger:Proofs:RetryAfter must be between 1 second and 1 day.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);
}
