using CityServices.ServiceDefaults.Problems;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace CityServices.EventPipeline.Streams;

/// <summary>
/// The two ways a command changes an aggregate: start its stream, or load it, decide, and append
/// with optimistic concurrency. The commit is the only write; the outbox relay takes it from there.
/// </summary>
public static class StreamCommands
{
    /// <summary>Starts a new stream with its first events; 409 when the id is taken.</summary>
    public static async Task<Decided<TEvent>> StartStream<TAggregate, TEvent>(
        this IDocumentSession session, Guid streamId, IReadOnlyList<TEvent> events, CancellationToken ct)
        where TAggregate : class
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(events);
        session.Events.StartStream<TAggregate>(streamId, [.. events.Cast<object>()]);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsStreamCollision(e))
        {
            throw new ConflictException($"{typeof(TAggregate).Name} {streamId} already exists.");
        }

        return new(events.Count, events);
    }

    /// <summary>
    /// Loads the aggregate, runs the pure <paramref name="decide"/> on it, and appends what it
    /// returns. With an expected version (from If-Match) a stale caller gets 412 and nothing is
    /// written; without one, a concurrent writer that committed first gets the caller a 409.
    /// </summary>
    public static async Task<Decided<TEvent>> Decide<TAggregate, TEvent>(
        this IDocumentSession session,
        Guid streamId,
        long? expectedVersion,
        Func<TAggregate, IReadOnlyList<TEvent>> decide,
        CancellationToken ct)
        where TAggregate : class
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(decide);
        IEventStream<TAggregate> stream;
        try
        {
            stream = expectedVersion is { } expected
                ? await session.Events.FetchForWriting<TAggregate>(streamId, expected, ct)
                : await session.Events.FetchForWriting<TAggregate>(streamId, ct);
        }
        catch (ConcurrencyException)
        {
            throw Stale<TAggregate>(streamId, expectedVersion);
        }

        if (stream.Aggregate is null)
        {
            throw new NotFoundException($"{typeof(TAggregate).Name} {streamId} does not exist.");
        }

        var events = decide(stream.Aggregate);
        if (events.Count == 0)
        {
            return new(stream.CurrentVersion ?? stream.StartingVersion ?? 0, events);
        }

        stream.AppendMany(events.Cast<object>());
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw expectedVersion is null
                ? new ConflictException($"{typeof(TAggregate).Name} {streamId} changed while the request was processed; retry it.")
                : Stale<TAggregate>(streamId, expectedVersion);
        }

        return new((stream.StartingVersion ?? 0) + events.Count, events);
    }

    private static PreconditionFailedException Stale<TAggregate>(Guid streamId, long? expectedVersion) =>
        new($"{typeof(TAggregate).Name} {streamId} is no longer at version {expectedVersion}; fetch it again and retry.");

    private static bool IsStreamCollision(Exception e) =>
        e is ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
        || e.InnerException is not null && IsStreamCollision(e.InnerException);
}
