using System.Security.Cryptography;
using CityServices.Contracts.Ledger;
using CityServices.EventPipeline;
using CityServices.EventPipeline.Relay;
using CityServices.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.Ledger.Tests.Support;

/// <summary>
/// Stands in for every domain service's outbox relay: publishes <see cref="EventRecorded"/> through
/// the broker, on the test's prefix, with publisher confirms.
/// </summary>
internal sealed class RecordedEvents : IAsyncDisposable
{
    private readonly IHost _host;

    private RecordedEvents(IHost host) => _host = host;

    public static async Task<RecordedEvents> StartAsync(CityInfrastructure infrastructure, string prefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = infrastructure.RabbitMqUri.ToString(),
            ["Messaging:EntityPrefix"] = prefix,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddCityMessaging();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new RecordedEvents(host);
    }

    /// <summary>Events of random services' sequences with random leaf hashes.</summary>
    public static List<EventRecorded> Random(int count, string service = "permits") =>
        [.. Enumerable.Range(1, count).Select(i => new EventRecorded(
            Guid.CreateVersion7(), service, i, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))))];

    /// <summary>Publishes each message with the relay's id (derived from the event) or a fresh one, many at a time.</summary>
    public async Task PublishAsync(IEnumerable<EventRecorded> messages, bool freshMessageIds = false)
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        foreach (var chunk in messages.Chunk(200))
        {
            await Task.WhenAll(chunk.Select(message => bus.Publish(message, context =>
                context.MessageId = freshMessageIds ? Guid.NewGuid() : MessageIdOf(message), TestContext.Current.CancellationToken)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static Guid MessageIdOf(EventRecorded message) => MessageIds.ForEventRecorded(message.EventId);
}
