using CityServices.Contracts.Ledger;
using MassTransit;

namespace CityServices.Ledger.Log.Ingest;

/// <summary>
/// Sorts one batch before it touches the database: valid leaves (first copy of each event id),
/// copies of an event already in the batch (dropped: redeliveries are normal), and messages that
/// can never become a leaf (malformed, or a second copy with a different hash), which are rejected
/// alone so they never hold back the rest. Each service's accepted leaves are put in sequence order
/// in the places its leaves took in the batch: each relay publishes in sequence order, but the batch
/// is filled by concurrent deliveries, which can swap neighbours, and auditors check that a
/// service's leaves follow its sequence (docs/audit.md, <c>reordered</c>). Services stay interleaved.
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

        return new BatchScreening(InSequenceOrder(accepted, a => a.Item2), rejected);
    }

    /// <summary>
    /// The items with each service's leaves in sequence order, each in a place one of that service's
    /// leaves held: the interleaving of services is kept, only a service's own leaves trade places.
    /// </summary>
    public static List<T> InSequenceOrder<T>(IReadOnlyList<T> items, Func<T, LeafSubmission> leafOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(leafOf);
        var ordered = new T[items.Count];
        foreach (var service in items.Select((item, place) => (item, place)).GroupBy(x => leafOf(x.item).Service, StringComparer.Ordinal))
        {
            foreach (var (place, item) in service.Select(x => x.place).Zip(service.Select(x => x.item).OrderBy(item => leafOf(item).Sequence)))
            {
                ordered[place] = item;
            }
        }

        return [.. ordered];
    }
}
