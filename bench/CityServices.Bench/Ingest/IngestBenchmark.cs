using System.Diagnostics;
using System.Security.Cryptography;
using CityServices.Contracts.Ledger;
using CityServices.EventPipeline;
using CityServices.EventPipeline.Relay;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CityServices.Bench.Ingest;

/// <summary>
/// Leaves per second through the real path: several services publish <see cref="EventRecorded"/>
/// to RabbitMQ at once (each its own bus, publisher confirms, 200 in flight, as the outbox relay
/// does) while the ledger is down; then one ledger host starts and its batch consumer drains the
/// backlog into PostgreSQL. Drain rate = leaves ÷ (last commit − first commit).
/// </summary>
internal static class IngestBenchmark
{
    private static readonly string[] ServiceAliases = ["identity", "health-records", "trade", "voting", "sharing", "permits", "housing", "transport"];

    public sealed record Result(
        int Services,
        int EventsPerService,
        int Leaves,
        double PublishSeconds,
        double PublishPerSecond,
        double DrainSeconds,
        double LeavesPerSecond,
        double DrainWithStartSeconds,
        int Batches,
        double MeanBatchSize,
        Distribution BatchCommitMilliseconds);

    public static async Task<Result> RunAsync(BenchInfrastructure infrastructure, BenchOptions options)
    {
        var (database, postgres) = await infrastructure.CreateDatabaseAsync("ingest");
        var prefix = BenchInfrastructure.NewPrefix("ingest");
        var total = options.Services * options.EventsPerService;

        // The ledger declares and binds its queue, then goes away: the backlog waits in RabbitMQ.
        await (await LedgerBenchHost.StartAsync(infrastructure, postgres, prefix)).DisposeAsync();

        Console.WriteLine($"    publishing {options.Services} x {options.EventsPerService:N0} EventRecorded messages ...");
        var publishers = await Task.WhenAll(Enumerable.Range(0, options.Services).Select(_ => StartPublisherAsync(infrastructure, prefix)));
        var publishClock = Stopwatch.StartNew();
        await Task.WhenAll(publishers.Select((publisher, i) =>
            PublishAsync(publisher, Events(Alias(i), options.EventsPerService))));
        publishClock.Stop();
        foreach (var publisher in publishers)
        {
            await publisher.StopAsync();
            publisher.Dispose();
        }

        Console.WriteLine($"    draining {total:N0} leaves with one ledger replica ...");
        var drainClock = Stopwatch.StartNew();
        await using var ledger = await LedgerBenchHost.StartAsync(infrastructure, postgres, prefix);
        var deadline = TimeSpan.FromSeconds(Math.Max(120, total / 200.0));
        while (await ledger.TreeSizeAsync() < total)
        {
            if (drainClock.Elapsed > deadline)
            {
                throw new TimeoutException($"The ledger took more than {deadline.TotalSeconds:0} s to drain {total:N0} leaves.");
            }

            await Task.Delay(50);
        }

        drainClock.Stop();
        var span = await IngestSpanAsync(postgres);
        var durations = ledger.Measurements("ledger.ingest.batch.duration").Select(s => s * 1000);
        var sizes = ledger.Measurements("ledger.ingest.batch.size");
        await ledger.DisposeAsync();
        await infrastructure.DropAsync(database);

        return new Result(
            options.Services,
            options.EventsPerService,
            total,
            publishClock.Elapsed.TotalSeconds,
            total / publishClock.Elapsed.TotalSeconds,
            span.TotalSeconds,
            total / span.TotalSeconds,
            drainClock.Elapsed.TotalSeconds,
            sizes.Count,
            sizes.Count == 0 ? 0 : sizes.Average(),
            Distribution.Of(durations));
    }

    private static string Alias(int i) => i < ServiceAliases.Length ? ServiceAliases[i] : $"service-{i}";

    private static List<EventRecorded> Events(string service, int count) =>
        [.. Enumerable.Range(1, count).Select(i => new EventRecorded(
            Guid.CreateVersion7(), service, i, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))))];

    /// <summary>One service's bus, as its outbox relay has it.</summary>
    private static async Task<IHost> StartPublisherAsync(BenchInfrastructure infrastructure, string prefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = infrastructure.RabbitMq.ToString(),
            ["Messaging:EntityPrefix"] = prefix,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddCityMessaging();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task PublishAsync(IHost publisher, List<EventRecorded> events)
    {
        var bus = publisher.Services.GetRequiredService<IBus>();
        foreach (var chunk in events.Chunk(200))
        {
            await Task.WhenAll(chunk.Select(message =>
                bus.Publish(message, context => context.MessageId = MessageIds.ForEventRecorded(message.EventId))));
        }
    }

    /// <summary>From the first leaf's commit to the last's: the time spent ingesting, start-up excluded.</summary>
    private static async Task<TimeSpan> IngestSpanAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select max(received_at) - min(received_at) from ledger.leaves", connection);
        return (TimeSpan)(await command.ExecuteScalarAsync())!;
    }
}
