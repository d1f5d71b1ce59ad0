using CityServices.EventPipeline.Consumers;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace CityServices.EventPipeline.Tests;

public sealed class ConsumerTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _prefix = CityInfrastructure.NewPrefix("consumers");
    private ProbeHost _probe = null!;

    public async ValueTask InitializeAsync() =>
        _probe = await ProbeHost.StartAsync(infrastructure, _prefix,
            bus => bus.AddConsumer<ApplicationsProbe>(typeof(CityConsumerDefinition<ApplicationsProbe>)));

    public ValueTask DisposeAsync() => _probe.DisposeAsync();

    [Fact]
    public async Task The_same_message_delivered_twice_takes_effect_once()
    {
        // given one message id
        var messageId = Guid.NewGuid();
        var message = new PermitApplicationReceived(Guid.NewGuid(), "kiosk");

        // when it arrives twice, as after a relay crash
        await _probe.Bus.Publish(message, c => c.MessageId = messageId, Ct);
        await _probe.Bus.Publish(message, c => c.MessageId = messageId, Ct);
        await Eventually.Until(() => _probe.Log.FinishedOf<PermitApplicationReceived>(), n => n >= 2, "both deliveries handled to the end", Patience);

        // then the consumer's effect was committed once (two copies handled at the same moment
        // both run the handler, and the one that loses the race on the mark rolls back whole)
        await using var session = _probe.Store.QuerySession();
        var effect = Assert.Single(await session.Query<ApplicationEffect>().ToListAsync(Ct));
        Assert.Equal(message.PermitId, effect.PermitId);
        Assert.Single(await session.Query<ProcessedMessage>().ToListAsync(Ct));
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_without_blocking_the_rest()
    {
        // given two good messages, a poison one, and two more good ones
        var good = Enumerable.Range(0, 4).Select(i => new PermitApplicationReceived(Guid.NewGuid(), $"kind-{i}")).ToList();
        var poisonId = Guid.NewGuid();

        // when they are published in that order
        foreach (var message in good.Take(2))
        {
            await _probe.Bus.Publish(message, Ct);
        }

        await _probe.Bus.Publish(new PermitApplicationReceived(Guid.NewGuid(), ApplicationsProbe.PoisonKind), c => c.MessageId = poisonId, Ct);
        foreach (var message in good.Skip(2))
        {
            await _probe.Bus.Publish(message, Ct);
        }

        // then the good ones are handled
        var handled = await Eventually.Until(
            () => _probe.Log.HandledOf<PermitApplicationReceived>(), h => h.Count >= 4, "the four good messages", Patience);
        Assert.Equal(good.ToHashSet(), handled.ToHashSet());

        // and the poison one waits in the endpoint's error queue, after its retries
        var errorQueue = _probe.Services.GetRequiredService<IEndpointNameFormatter>().Consumer<ApplicationsProbe>() + "_error";
        var parked = await Eventually.UntilAsync(() => TakeFromQueue(errorQueue), m => m is not null, $"a message in {errorQueue}", Patience);
        Assert.Equal(poisonId.ToString(), parked!.Value.MessageId);
        Assert.Contains(ApplicationsProbe.PoisonKind, parked.Value.Body, StringComparison.Ordinal);
    }

    private async Task<(string MessageId, string Body)?> TakeFromQueue(string queue)
    {
        var factory = new ConnectionFactory { Uri = infrastructure.RabbitMqUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            return message is null ? null : (message.BasicProperties.MessageId ?? "", Encoding.UTF8.GetString(message.Body.Span));
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null; // the error queue is declared when the first fault moves there
        }
    }
}
