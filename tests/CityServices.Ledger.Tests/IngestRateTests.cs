using System.Diagnostics;

namespace CityServices.Ledger.Tests;

/// <summary>A quick measurement, not the benchmark: how fast one replica drains a backlog from every service.</summary>
public sealed class IngestRateTests(CityInfrastructure infrastructure)
{
    private const int Backlog = 30_000;
    private static readonly string[] Services = ["identity", "health-records", "trade", "voting", "sharing"];

    [Fact]
    public async Task One_replica_drains_a_backlog_faster_than_the_services_can_write()
    {
        // given a backlog of 30,000 events from five services, queued while the ledger was down
        var postgres = await infrastructure.CreateDatabaseAsync("ledger_rate");
        var prefix = CityInfrastructure.NewPrefix("ledger-rate");
        var database = new LedgerDatabase(postgres);
        await (await TestLedger.StartAsync(infrastructure, postgres, prefix)).DisposeAsync(); // declares its queue
        var events = Services.SelectMany(service => RecordedEvents.Random(Backlog / 5, service)).ToList();
        await using (var relay = await RecordedEvents.StartAsync(infrastructure, prefix))
        {
            await relay.PublishAsync(events);
        }

        // when a ledger starts and drains it
        var clock = Stopwatch.StartNew();
        await using var ledger = await TestLedger.StartAsync(infrastructure, postgres, prefix);
        await Eventually.UntilAsync(database.TreeSizeAsync, size => size >= Backlog, "the backlog", TimeSpan.FromMinutes(3));
        clock.Stop();

        // then it took seconds, and the log is whole
        var ingesting = await database.IngestSpanAsync();
        var rate = Backlog / ingesting.TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Ingested {Backlog} leaves in {ingesting.TotalSeconds:0.00} s from first to last commit: {rate:0} leaves/s " +
            $"({clock.Elapsed.TotalSeconds:0.00} s with the host's start).");
        Assert.True(rate > 1000, $"{rate:0} leaves/s");
        await LogAssertions.AssertWholeAsync(database, events);
    }
}
