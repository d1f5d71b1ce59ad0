using System.Net;
using System.Security.Cryptography;
using CityServices.Ledger;
using CityServices.Testing;
using Microsoft.AspNetCore.Builder;

namespace CityServices.Gateway.Tests.Support;

/// <summary>The real ledger service on a loopback port, with a database and broker prefix of its own.</summary>
internal sealed class LedgerService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LedgerService(WebApplication app)
    {
        _app = app;
        Address = new Uri(app.Urls.Single());
        Http = new HttpClient { BaseAddress = Address };
    }

    public Uri Address { get; }

    /// <summary>A client calling the ledger directly, not through the gateway.</summary>
    public HttpClient Http { get; }

    public static async Task<LedgerService> StartAsync(CityInfrastructure infrastructure)
    {
        var postgres = await infrastructure.CreateDatabaseAsync("gateway_ledger");
        var app = LedgerApp.Create(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            $"--contentRoot={Path.Combine(AppContext.BaseDirectory, "content", "ledger")}",
            "--Service:Name=ledger",
            // The public API is anonymous: no token is ever validated, so no issuer needs to answer.
            "--Authentication:Authority=http://127.0.0.1:9/",
            "--Authentication:RequireHttpsMetadata=false",
            $"--ConnectionStrings:Postgres={postgres}",
            $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
            $"--Messaging:EntityPrefix={CityInfrastructure.NewPrefix("gateway")}",
            "--Ledger:RunAnchoring=false",
            $"--Ledger:Chain:RpcUrl={infrastructure.ChainRpcUrl}",
            $"--Ledger:Chain:ChainId={infrastructure.ChainId}",
            $"--Ledger:Chain:PrivateKey={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var ledger = new LedgerService(app);
        await Eventually.UntilAsync(
            async () => (await ledger.Http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode,
            status => status == HttpStatusCode.OK,
            "the ledger to be ready");
        return ledger;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
