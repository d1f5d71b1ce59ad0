using System.Collections.Concurrent;
using CityServices.EventPipeline;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.Testing;

/// <summary>One message taken off the broker: the message as the consumer reads it, and the envelope's bytes as they travelled.</summary>
public sealed record ProbedMessage(object Message, string Body);

/// <summary>
/// Another service on a test's broker prefix, over real RabbitMQ: its one temporary queue is bound to
/// the exchange of each message type it is given, so what it keeps is exactly what was published;
/// its <see cref="Bus"/> publishes as the service it stands in for would (identity, a relay).
/// </summary>
public sealed class MessageProbe : IAsyncDisposable
{
    private readonly IHost _host;

    private MessageProbe(IHost host) => _host = host;

    /// <summary>Every message received, in arrival order.</summary>
    public IReadOnlyList<ProbedMessage> Received => [.. _host.Services.GetRequiredService<ConcurrentQueue<ProbedMessage>>()];

    /// <summary>The raw envelopes, as RabbitMQ carried them.</summary>
    public IReadOnlyList<string> Bodies => [.. Received.Select(m => m.Body)];

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public IReadOnlyList<T> Of<T>() => [.. Received.Select(m => m.Message).OfType<T>()];

    /// <summary>Waits until <paramref name="count"/> messages of <typeparamref name="T"/> have arrived.</summary>
    public Task<IReadOnlyList<T>> WaitForAsync<T>(int count = 1, TimeSpan? timeout = null) =>
        Eventually.Until(Of<T>, messages => messages.Count >= count, $"{count} {typeof(T).Name} message(s)", timeout);

    /// <summary>Starts the probe and returns once its queue is bound, so nothing published after is missed.</summary>
    /// <param name="messageTypes">What to keep; none: the probe only publishes.</param>
    public static async Task<MessageProbe> StartAsync(CityInfrastructure infrastructure, string prefix, params Type[] messageTypes)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        var queue = $"{prefix}probe-{Guid.NewGuid():N}";
        var host = await BrokerHost.StartAsync(infrastructure, prefix, builder =>
        {
            builder.Services.AddSingleton(new ConcurrentQueue<ProbedMessage>());
            builder.AddCityMessaging(bus =>
            {
                foreach (var type in messageTypes)
                {
                    // One queue for all: the arrival order across types is the order kept.
                    bus.AddConsumer(typeof(KeepingConsumer<>).MakeGenericType(type)).Endpoint(endpoint =>
                    {
                        endpoint.Name = queue;
                        endpoint.Temporary = true;
                        endpoint.ConcurrentMessageLimit = 1;
                    });
                }
            });
        });
        return new MessageProbe(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class KeepingConsumer<T>(ConcurrentQueue<ProbedMessage> received) : IConsumer<T> where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            received.Enqueue(new ProbedMessage(context.Message, context.ReceiveContext.Body.GetString()));
            return Task.CompletedTask;
        }
    }
}
