using CityServices.Contracts.Ledger;
using MassTransit;

namespace CityServices.Ledger.Log.Ingest;

/// <summary>
/// Sorts one batch before it touches the database: valid leaves (first copy of each event id),
/// copies of an event already in the batch (dropped: redeliveries are normal), and messages that
/// can never become a leaf (malformed, or a second copy with a different hash), which are rejected
/// alone so they never hold back the rest. Accepted leaves are put in (service, sequence) order:
/// each relay publishes in sequence order, but the batch is filled by concurrent deliveries, which
/// can swap neighbours; the log keeps each service's leaves in its sequence order, which auditors
/// check (docs/audit.md, <c>reordered</c>). Services' leaves between each other keep no meaning.
/// </summary>
public sealed record BatchScreening(
    IReadOnlyList<(ConsumeContext<EventRecorded> Message, LeafSubmission Leaf)> Accepted,
    IReadOnlyList<(ConsumeContext<EventRecorded> Message, string Reason)> Rejected)
{
    public static BatchScreening Of(IEnumerable<ConsumeContext<EventRecorded>> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var accepted = new List<(ConsumeContext<EventRecorded>, LeafSubmission)>();
        var rejected = new List<(ConsumeContext<EventRecorded>, string)>();
        var firstCopies = new Dictionary<Guid, LeafSubmission>();
        foreach (var message in batch)
        {
            if (LeafSubmission.From(message.Message, out var problem) is not { } leaf)
            {
                rejected.Add((message, problem!));
            }
            else if (!firstCopies.TryGetValue(leaf.EventId, out var first))
            {
                firstCopies.Add(leaf.EventId, leaf);
                accepted.Add((message, leaf));
            }
            else if (!first.LeafHash.AsSpan().SequenceEqual(leaf.LeafHash))
            {
                rejected.Add((message, $"Event {leaf.EventId} arrived twice in one batch with different leaf hashes."));
            }
        }

        return new BatchScreening(
            [.. accepted.OrderBy(a => a.Item2.Service, StringComparer.Ordinal).ThenBy(a => a.Item2.Sequence)], rejected);
    }
}
