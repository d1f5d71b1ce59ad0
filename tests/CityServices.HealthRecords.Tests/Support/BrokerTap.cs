using System.Text;
using System.Text.Json;
using MassTransit;
using RabbitMQ.Client;

namespace CityServices.HealthRecords.Tests.Support;

/// <summary>
/// A queue of the test's own, bound to the exchanges of every message type the service publishes,
/// so the test sees each message's bytes exactly as they travel over RabbitMQ.
/// </summary>
internal sealed class BrokerTap : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;

    private BrokerTap(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    /// <summary>Every message taken from the queue so far, raw.</summary>
    public List<string> Bodies { get; } = [];

    /// <summary>Binds before anything is published: exchanges are declared as MassTransit declares them (durable fanout).</summary>
    public static async Task<BrokerTap> StartAsync(Uri rabbitMq, IBus bus, IEnumerable<Type> messageTypes, CancellationToken ct)
    {
        var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync(ct);
        var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var queue = (await channel.QueueDeclareAsync($"tap-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true, cancellationToken: ct)).QueueName;
        foreach (var type in messageTypes)
        {
            var exchange = ExchangeOf(bus, type);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
            await channel.QueueBindAsync(queue, exchange, "", cancellationToken: ct);
        }

        return new BrokerTap(connection, channel, queue);
    }

    /// <summary>Takes what has arrived since the last call.</summary>
    public async Task<List<string>> DrainAsync(CancellationToken ct)
    {
        while (await _channel.BasicGetAsync(_queue, autoAck: true, ct) is { } message)
        {
            Bodies.Add(Encoding.UTF8.GetString(message.Body.Span));
        }

        return Bodies;
    }

    /// <summary>The <c>message</c> of each envelope whose type is <typeparamref name="T"/>.</summary>
    public List<JsonElement> MessagesOf<T>() => Bodies
        .Select(body => JsonDocument.Parse(body).RootElement.Clone())
        .Where(envelope => envelope.GetProperty("messageType").EnumerateArray().Any(t => t.GetString() == MessageUrn.ForTypeString<T>()))
        .Select(envelope => envelope.GetProperty("message"))
        .ToList();

    private static string ExchangeOf(IBus bus, Type type) =>
        (string)typeof(BrokerTap).GetMethod(nameof(EntityName), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [bus])!;

    private static string EntityName<T>(IBus bus) where T : class => bus.Topology.Message<T>().EntityName;

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
