using System.Net;
using System.Security.Cryptography;
using CityServices.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.Ledger.Tests.Support;

/// <summary>The ledger service in-process on a real loopback port, with the test's database and broker prefix.</summary>
internal sealed class LedgerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private LedgerHost(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>An anonymous client, as every caller of the public API is.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the ledger and returns once it is ready, its queue bound, so nothing published after is missed.</summary>
    public static async Task<LedgerHost> StartAsync(
        CityInfrastructure infrastructure, string postgres, string prefix, params string[] extraSettings)
    {
        var app = LedgerApp.Create([.. Settings(infrastructure, postgres, prefix), .. extraSettings]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var host = new LedgerHost(app);
        await Eventually.UntilAsync(
            async () => (await host.Http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode,
            status => status == HttpStatusCode.OK,
            "the ledger to be ready");
        return host;
    }

    /// <summary>Stops the host (the bus first, as in a rolling update); idempotent.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
    }

    private static string[] Settings(CityInfrastructure infrastructure, string postgres, string prefix) =>
    [
        "--urls=http://127.0.0.1:0",
        "--environment=Development",
        // The API is anonymous: no token is ever validated, so no issuer needs to answer.
        "--Authentication:Authority=http://127.0.0.1:9/",
        "--Authentication:RequireHttpsMetadata=false",
        $"--ConnectionStrings:Postgres={postgres}",
        $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
        $"--Messaging:EntityPrefix={prefix}",
        "--Messaging:Retry:Limit=3",
        "--Messaging:Retry:MinInterval=00:00:00.050",
        "--Messaging:Retry:MaxInterval=00:00:00.500",
        // These tests write checkpoints and anchors themselves; the chain is the anchoring tests' business.
        "--Ledger:RunAnchoring=false",
        $"--Ledger:Chain:RpcUrl={infrastructure.ChainRpcUrl}",
        $"--Ledger:Chain:ChainId={infrastructure.ChainId}",
        $"--Ledger:Chain:PrivateKey={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}",
        "--Ledger:RateLimit:PermitLimit=100000",
        "--Logging:LogLevel:Default=Warning",
    ];
}
