using System.ComponentModel.DataAnnotations;

namespace CityServices.EventPipeline.Commands.Idempotency;

/// <summary>How long a service keeps the answers to <c>Idempotency-Key</c>s (section <c>Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>
    /// How long a key's first answer is kept and replayed; after that the key may be used afresh.
    /// A day covers a client's retries across an outage or a deployment; keys are per client.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Idempotency:Retention must be between 1 minute and 30 days.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired answers are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Idempotency:PurgeInterval must be between 1 second and 1 day.")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
