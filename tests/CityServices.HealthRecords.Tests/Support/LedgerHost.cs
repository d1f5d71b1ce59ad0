using CityServices.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.HealthRecords.Tests.Support;

/// <summary>The real ledger in-process, consuming the service's EventRecorded on the same prefix and anchoring on the shared anvil.</summary>
internal sealed class LedgerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LedgerHost(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>The ledger's public API (anonymous).</summary>
    public HttpClient Http { get; }

    public static async Task<LedgerHost> StartAsync(CityInfrastructure infrastructure, string prefix, TimeSpan checkpointInterval)
    {
        var app = CityServices.Ledger.LedgerApp.Create(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            // The ledger's API is anonymous: no token is validated, so no issuer needs to answer.
            "--Authentication:Authority=http://127.0.0.1:9/",
            "--Authentication:RequireHttpsMetadata=false",
            $"--ConnectionStrings:Postgres={await infrastructure.CreateDatabaseAsync("hr_ledger")}",
            $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
            $"--Messaging:EntityPrefix={prefix}",
            $"--Ledger:Chain:RpcUrl={infrastructure.ChainRpcUrl}",
            $"--Ledger:Chain:ChainId={infrastructure.ChainId}",
            $"--Ledger:Chain:PrivateKey={await infrastructure.FundNewAccountAsync()}",
            $"--Ledger:CheckpointInterval={checkpointInterval}",
            "--Ledger:Confirmations=1",
            "--Ledger:RateLimit:PermitLimit=100000",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        return new LedgerHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
