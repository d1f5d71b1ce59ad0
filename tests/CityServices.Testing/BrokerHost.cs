using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace CityServices.Testing;

/// <summary>
/// A headless service on a test's broker prefix, standing in for another service on the bus; it
/// returns once the bus has started, its queues bound, so nothing published after is missed.
/// </summary>
public static class BrokerHost
{
    /// <param name="configure">Registers the bus (<c>AddCityMessaging</c> or <c>AddEventPipeline</c>) and what it needs.</param>
    /// <param name="settings">More settings, over the broker's, the prefix and quiet logging.</param>
    public static async Task<IHost> StartAsync(
        CityInfrastructure infrastructure, string prefix, Action<HostApplicationBuilder> configure, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = infrastructure.RabbitMqUri.ToString(),
            ["Messaging:EntityPrefix"] = prefix,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        configure(builder);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }
}
