using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using CityServices.Ledger;
using CityServices.Ledger.Log;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityServices.Bench;

/// <summary>
/// The real ledger service in-process on a loopback port (as the tests' LedgerHost), with the
/// bench's database and prefix, and a listener on THIS host's ledger instruments.
/// </summary>
internal sealed class LedgerBenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value)> _measurements = new();
    private bool _stopped;

    private LedgerBenchHost(WebApplication app)
    {
        _app = app;
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LedgerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.Start();
    }

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public string ConnectionString { get; private init; } = "";

    /// <summary>Starts the ledger and returns once /health/ready answers, its queue bound.</summary>
    public static async Task<LedgerBenchHost> StartAsync(
        BenchInfrastructure infrastructure, string postgres, string prefix, params string[] extraSettings)
    {
        var app = LedgerApp.Create([.. Settings(infrastructure, postgres, prefix), .. extraSettings]);
        var host = new LedgerBenchHost(app) { ConnectionString = postgres };
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(address) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The ledger did not become ready within 60 s.");
            }

            await Task.Delay(100);
        }

        return host;
    }

    /// <summary>The values this host's <paramref name="instrument"/> recorded so far.</summary>
    public IReadOnlyList<double> Measurements(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];

    public async Task<long> TreeSizeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select tree_size from ledger.head", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

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
        _listener.Dispose();
        Http?.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
    }

    private static string[] Settings(BenchInfrastructure infrastructure, string postgres, string prefix) =>
    [
        "--urls=http://127.0.0.1:0",
        "--environment=Development",
        // The API is anonymous: no token is ever validated, so no issuer needs to answer.
        "--Authentication:Authority=http://127.0.0.1:9/",
        "--Authentication:RequireHttpsMetadata=false",
        $"--ConnectionStrings:Postgres={postgres}",
        $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMq}",
        $"--Messaging:EntityPrefix={prefix}",
        "--Ledger:RunAnchoring=false",
        $"--Ledger:Chain:RpcUrl={infrastructure.ChainRpc}",
        $"--Ledger:Chain:ChainId={infrastructure.ChainId}",
        $"--Ledger:Chain:PrivateKey={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}",
        // The bench measures the service, not the per-IP limit (50 requests/s by default).
        "--Ledger:RateLimit:PermitLimit=1000000",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.AspNetCore=Error",
        // /health/ready is polled until the bus is up: the not-ready answers before that are expected.
        "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
    ];
}
