using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CityServices.EventPipeline;

/// <summary>Where a service keeps its events and how its outbox relay reads them (section <c>EventStore</c>).</summary>
public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    /// <summary>The PostgreSQL schema of the service's event store; defaults to the service alias with underscores.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "EventStore:Schema must be a lowercase PostgreSQL identifier.")]
    public string? Schema { get; set; }

    /// <summary>
    /// Whether this process takes part in running the outbox relay. Replicas that only serve the
    /// API may set it to false; whichever processes run it, exactly one is active at a time.
    /// </summary>
    public bool RunRelay { get; set; } = true;

    /// <summary>Events the relay publishes per page; its progress is committed after each page.</summary>
    [Range(1, 10_000, ErrorMessage = "EventStore:RelayBatchSize must be between 1 and 10000.")]
    public int RelayBatchSize { get; set; } = 500;
}

/// <summary>How a service talks to RabbitMQ (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>
    /// A prefix for every exchange and queue name. Empty in production (isolate environments with
    /// virtual hosts); tests use it to keep parallel test classes apart on one broker.
    /// </summary>
    [RegularExpression("^[a-z0-9.-]*$", ErrorMessage = "Messaging:EntityPrefix may hold only lowercase letters, digits, '.' and '-'.")]
    public string EntityPrefix { get; set; } = "";

    /// <summary>Declare consumer queues as quorum queues (a RabbitMQ cluster in production).</summary>
    public bool QuorumQueues { get; set; }

    [Required]
    [ValidateObjectMembers]
    public RetryOptions Retry { get; set; } = new();
}

/// <summary>Retries of a failing consumer before its message goes to the endpoint's error queue.</summary>
public sealed class RetryOptions
{
    [Range(0, 20, ErrorMessage = "Messaging:Retry:Limit must be between 0 and 20.")]
    public int Limit { get; set; } = 5;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(30);
}
