using System.Diagnostics;
using CityServices.Contracts.Ledger;
using CityServices.EventPipeline.Catalog;
using CityServices.Hashing;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CityServices.EventPipeline.Relay;

/// <summary>
/// The outbox relay: a Marten subscription, run by the async daemon, that publishes every stored
/// event in sequence order — its integration event where it has one, then its
/// <see cref="EventRecorded"/> for the ledger. Each publish waits for the broker's confirm; the
/// subscription's progress is committed only after the whole page is out, so a crash re-sends
/// (never skips) and consumers deduplicate by the derived message ids.
/// </summary>
public sealed partial class OutboxRelay(
    EventCatalog catalog,
    StoredEventReader reader,
    IBus bus,
    IServiceProvider services,
    ILogger<OutboxRelay> logger) : SubscriptionBase
{
    public const string SubscriptionName = "outbox-relay";

    /// <summary>The relay's spans; registered with telemetry by AddEventPipeline.</summary>
    public const string ActivitySourceName = "CityServices.EventPipeline";

    private static readonly ActivitySource Activities = new(ActivitySourceName);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var events = page.Events.OrderBy(e => e.Sequence).ToList();
        var ct = cancellationToken;
        var stored = await reader.ReadAsync(events.Select(e => e.Sequence).ToList(), ct);

        foreach (var e in events)
        {
            var row = stored[e.Sequence];
            using var activity = StartRelayActivity(row, e.CorrelationId);

            if (await catalog.ToIntegrationEventAsync(e, services, operations, ct) is { } integrationEvent)
            {
                await UntilPublishedAsync(token => bus.Publish(integrationEvent, integrationEvent.GetType(), context =>
                {
                    context.MessageId = MessageIds.ForIntegrationEvent(row.EventId);
                }, token), ct);
            }

            var leaf = row.ToLeafRecord(catalog.Service);
            var recorded = new EventRecorded(row.EventId, catalog.Service, row.Sequence, Hex.Encode(leaf.LeafHash()));
            await UntilPublishedAsync(token => bus.Publish(recorded, context => context.MessageId = MessageIds.ForEventRecorded(row.EventId), token), ct);
        }

        if (events.Count > 0)
        {
            LogPagePublished(logger, events.Count, events[0].Sequence, events[^1].Sequence);
        }

        return NullChangeListener.Instance;
    }

    /// <summary>
    /// A broker that is away is a wait, not an error: a publish that fails (the connection dropped
    /// while it waited for its confirm) is tried again, with a growing pause, until it is confirmed
    /// or the relay stops. Handing the failure to the daemon instead could leave the subscription
    /// paused after the broker is back. Repeats are safe: consumers deduplicate by message id.
    /// </summary>
    private async Task UntilPublishedAsync(Func<CancellationToken, Task> publish, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await publish(ct);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var pause = TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * Math.Pow(2, Math.Min(attempt, 10))));
                LogPublishRetry(logger, attempt, pause.TotalMilliseconds, e.GetType().Name);
                await Task.Delay(pause, ct);
            }
        }
    }

    /// <summary>
    /// Continues the trace of the request that stored the event (its W3C traceparent is kept as
    /// the event's correlation id), so one trace runs from the HTTP call through the broker to the ledger.
    /// </summary>
    private static Activity? StartRelayActivity(StoredEvent row, string? traceParent)
    {
        var parent = ParentOf(traceParent);
        var activity = Activities.StartActivity("relay " + row.EventType, ActivityKind.Producer, parent);
        activity?.SetTag("city.event_id", row.EventId);
        activity?.SetTag("city.sequence", row.Sequence);
        return activity;
    }

    /// <summary>The stored traceparent; a bare 32-digit trace id (events stored before the listener kept
    /// the whole traceparent, or by a writer that only knew the trace) still continues that trace.</summary>
    private static ActivityContext ParentOf(string? correlationId)
    {
        if (ActivityContext.TryParse(correlationId, null, out var parent))
        {
            return parent;
        }

        return correlationId is { Length: 32 } && correlationId.All(char.IsAsciiHexDigitLower)
            ? new ActivityContext(ActivityTraceId.CreateFromString(correlationId), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true)
            : default;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publish attempt {Attempt} failed ({Error}); trying again in {PauseMs} ms")]
    private static partial void LogPublishRetry(ILogger logger, int attempt, double pauseMs, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Relayed {Count} events, sequences {First}..{Last}")]
    private static partial void LogPagePublished(ILogger logger, int count, long first, long last);
}
