using System.Security.Cryptography;
using CityServices.Contracts.Ledger;
using CityServices.EventPipeline.Relay;
using MassTransit;
using Xunit;

namespace CityServices.Testing;

/// <summary>
/// Stands in for every domain service's outbox relay: publishes <see cref="EventRecorded"/> through
/// the broker, on the test's prefix, with publisher confirms.
/// </summary>
public sealed class RecordedEvents : IAsyncDisposable
{
    private readonly MessageProbe _relay;

    private RecordedEvents(MessageProbe relay) => _relay = relay;

    /// <summary>Starts the publisher on a test's broker prefix.</summary>
    public static async Task<RecordedEvents> StartAsync(CityInfrastructure infrastructure, string prefix) =>
        new(await MessageProbe.StartAsync(infrastructure, prefix));

    /// <summary>Events of random services' sequences with random leaf hashes.</summary>
    public static List<EventRecorded> Random(int count, string service = "permits") =>
        [.. Enumerable.Range(1, count).Select(i => new EventRecorded(
            Guid.CreateVersion7(), service, i, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))))];

    /// <summary>Publishes each message with the relay's id (derived from the event) or a fresh one, many at a time.</summary>
    public async Task PublishAsync(IEnumerable<EventRecorded> messages, bool freshMessageIds = false)
    {
        foreach (var chunk in messages.Chunk(200))
        {
            await Task.WhenAll(chunk.Select(message => _relay.Bus.Publish(message, context =>
                context.MessageId = freshMessageIds ? Guid.NewGuid() : MessageIdOf(message), TestContext.Current.CancellationToken)));
        }
    }

    public ValueTask DisposeAsync() => _relay.DisposeAsync();

    private static Guid MessageIdOf(EventRecorded message) => MessageIds.ForEventRecorded(message.EventId);
}
