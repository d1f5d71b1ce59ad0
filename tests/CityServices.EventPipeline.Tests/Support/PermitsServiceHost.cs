using CityServices.EventPipeline.TestService;
using CityServices.Testing;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.EventPipeline.Tests.Support;

/// <summary>The permits test service on a real loopback port, with its own database and broker prefix.</summary>
internal sealed class PermitsServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PermitsServiceHost(WebApplication app, string postgres)
    {
        _app = app;
        Postgres = postgres;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Http { get; }

    public string Postgres { get; }

    public IServiceProvider Services => _app.Services;

    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();

    public static async Task<PermitsServiceHost> StartAsync(
        CityInfrastructure infrastructure,
        string postgres,
        string prefix,
        bool runRelay = true,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        var app = PermitsApp.Create(ServiceArguments(infrastructure, postgres, prefix, runRelay, "http://127.0.0.1:0"), addConsumers);
        await app.StartAsync();
        return new PermitsServiceHost(app, postgres);
    }

    /// <summary>The settings the service takes, as command-line arguments (also used for the child process).</summary>
    public static string[] ServiceArguments(CityInfrastructure infrastructure, string postgres, string prefix, bool runRelay, string urls) =>
    [
        $"--urls={urls}",
        $"--ConnectionStrings:Postgres={postgres}",
        $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
        $"--Messaging:EntityPrefix={prefix}",
        $"--EventStore:RunRelay={runRelay}",
        "--EventStore:RelayBatchSize=50",
        "--Logging:LogLevel:Default=Warning",
    ];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
