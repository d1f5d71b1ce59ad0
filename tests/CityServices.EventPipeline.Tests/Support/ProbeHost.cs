using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.EventPipeline.Tests.Support;

/// <summary>
/// A second service on the same broker prefix, with a database of its own, whose consumers stand
/// in for the ledger and other subscribers: what it receives is what the pipeline published.
/// </summary>
internal sealed class ProbeHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ProbeHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public ProbeLog Log => _host.Services.GetRequiredService<ProbeLog>();

    /// <summary>Starts the probe and returns once its queues are bound, so nothing published after is missed.</summary>
    public static async Task<ProbeHost> StartAsync(
        CityInfrastructure infrastructure, string prefix, Action<IBusRegistrationConfigurator> addConsumers)
    {
        var postgres = await infrastructure.CreateDatabaseAsync("probe");
        var host = await BrokerHost.StartAsync(infrastructure, prefix, builder =>
        {
            builder.Services.AddSingleton<ProbeLog>();
            builder.AddEventPipeline("probe", _ => { }, bus =>
            {
                bus.AddConsumeObserver<DeliveryObserver>();
                addConsumers(bus);
            });
        }, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["Messaging:Retry:Limit"] = "2",
            ["Messaging:Retry:MinInterval"] = "00:00:00.010",
            ["Messaging:Retry:MaxInterval"] = "00:00:00.050",
        });
        return new ProbeHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
