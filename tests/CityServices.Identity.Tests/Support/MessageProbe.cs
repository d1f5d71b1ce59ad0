using System.Collections.Concurrent;
using CityServices.Contracts.Identity;
using CityServices.Contracts.Ledger;
using CityServices.EventPipeline;
using CityServices.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.Identity.Tests.Support;

/// <summary>
/// Another service on the identity host's broker prefix, standing in for the ledger and for the
/// services that keep views of the registry: what it receives is what identity published.
/// </summary>
internal sealed class MessageProbe : IAsyncDisposable
{
    private readonly IHost _host;

    private MessageProbe(IHost host) => _host = host;

    public ConcurrentQueue<object> Received => _host.Services.GetRequiredService<ConcurrentQueue<object>>();

    public IReadOnlyList<T> Of<T>() => [.. Received.OfType<T>()];

    /// <summary>Starts the probe and returns once its queue is bound, so nothing published after is missed.</summary>
    public static async Task<MessageProbe> StartAsync(CityInfrastructure infrastructure, string prefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = infrastructure.RabbitMqUri.ToString(),
            ["Messaging:EntityPrefix"] = prefix,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddSingleton(new ConcurrentQueue<object>());
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddCityMessaging(bus => bus.AddConsumer<IdentityProbeConsumer>());
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new MessageProbe(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>Keeps every message it is given, in arrival order.</summary>
internal sealed class IdentityProbeConsumer(ConcurrentQueue<object> received) :
    IConsumer<EventRecorded>,
    IConsumer<CitizenRegistered>, IConsumer<CitizenDetailsChanged>, IConsumer<CitizenMoved>, IConsumer<CitizenDied>,
    IConsumer<CitizenCardIssued>, IConsumer<CitizenCardSuspended>, IConsumer<CitizenCardReinstated>, IConsumer<CitizenCardRevoked>,
    IConsumer<StaffRoleGranted>, IConsumer<StaffRoleWithdrawn>
{
    public Task Consume(ConsumeContext<EventRecorded> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<CitizenRegistered> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<CitizenDetailsChanged> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<CitizenMoved> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<CitizenDied> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<CitizenCardIssued> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<CitizenCardSuspended> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<CitizenCardReinstated> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<CitizenCardRevoked> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<StaffRoleGranted> context) => Keep(context.Message);

    public Task Consume(ConsumeContext<StaffRoleWithdrawn> context) => Keep(context.Message);

    private Task Keep(object message)
    {
        received.Enqueue(message);
        return Task.CompletedTask;
    }
}
