using System.Diagnostics;
using CityServices.Contracts.Ledger;
using MassTransit;

namespace CityServices.Ledger.Log.Ingest;

/// <summary>
/// Appends the leaf hashes every service's relay publishes, a batch per transaction. Redelivered
/// copies (the same event id) append nothing. A message that can never become a leaf — malformed,
/// or an event id already logged with a different hash — is rejected alone: it is forwarded to this
/// endpoint's <c>_error</c> queue with the reason in <c>MT-Fault-Message</c>, where MassTransit parks
/// every other failure, and the rest of the batch is appended. A database failure faults the whole
/// batch, whose messages are then retried by the definition's policy and deduplicated on arrival.
/// </summary>
public sealed partial class LedgerIngestConsumer(
    LeafAppender appender, LedgerMetrics metrics, IEndpointNameFormatter endpointNames, ILogger<LedgerIngestConsumer> logger)
    : IConsumer<Batch<EventRecorded>>
{
    public async Task Consume(ConsumeContext<Batch<EventRecorded>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var screening = BatchScreening.Of(context.Message);
        var outcome = await appender.AppendAsync([.. screening.Accepted.Select(a => a.Leaf)], context.CancellationToken);

        var conflicting = outcome.Conflicting.Select(leaf => leaf.EventId).ToHashSet();
        var rejected = screening.Rejected
            .Concat(screening.Accepted
                .Where(a => conflicting.Contains(a.Leaf.EventId))
                .Select(a => (a.Message, Reason: $"Event {a.Leaf.EventId} is already in the log with a different leaf hash.")))
            .ToList();
        foreach (var (message, reason) in rejected)
        {
            LogRejected(logger, message.Message.EventId, message.MessageId, reason);
            await message.Forward(ErrorQueue, Pipe.Execute<SendContext<EventRecorded>>(send => send.Headers.Set(FaultMessageHeader, reason)));
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            // The batch runs under an activity of its own, so each event's log line names the trace
            // of the request that stored it (the relay continues that trace into the message): one
            // correlation id from the gateway to here.
            foreach (var (message, leaf) in screening.Accepted.Where(a => !conflicting.Contains(a.Leaf.EventId)))
            {
                var requestTraceId = TraceIdOf(message);
                LogLeaf(logger, leaf.EventId, message.Message.Service, message.Message.Sequence, requestTraceId);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.BatchIngested(context.Message.Length, outcome.Appended, rejected.Count, outcome.TreeSize, elapsed);
        LogBatch(logger, context.Message.Length, outcome.Appended, outcome.TreeSize, elapsed.TotalMilliseconds);
    }

    private const string FaultMessageHeader = "MT-Fault-Message";

    private Uri ErrorQueue => new($"queue:{endpointNames.Consumer<LedgerIngestConsumer>()}_error");

    /// <summary>The trace id of the W3C trace context MassTransit carries in the message's <c>MT-Activity-Id</c> header.</summary>
    private static string? TraceIdOf(ConsumeContext<EventRecorded> message) =>
        ActivityContext.TryParse(message.Headers.Get<string>("MT-Activity-Id"), null, out var parent) ? parent.TraceId.ToString() : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Logged event {EventId} of {Service} (sequence {Sequence}) from trace {RequestTraceId}")]
    private static partial void LogLeaf(ILogger logger, Guid eventId, string service, long sequence, string? requestTraceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ingested a batch of {Messages} messages: {Appended} new leaves, tree size {TreeSize}, {ElapsedMs:0.0} ms")]
    private static partial void LogBatch(ILogger logger, int messages, int appended, long treeSize, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rejected EventRecorded for event {EventId} (message {MessageId}): {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid eventId, Guid? messageId, string reason);
}
