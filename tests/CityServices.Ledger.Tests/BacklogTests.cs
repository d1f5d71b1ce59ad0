namespace CityServices.Ledger.Tests;

/// <summary>
/// A ledger that was down drains what queued meanwhile into a whole log. How fast is the
/// benchmark's question (<c>./city bench</c>, its ingest figure), never a test's: a shared
/// machine's load would make a rate threshold fail for no fault of the code.
/// </summary>
public sealed class BacklogTests(CityInfrastructure infrastructure)
{
    private const int Backlog = 10_000;
    private static readonly string[] Services = ["identity", "health-records", "trade", "voting", "sharing"];

    [Fact]
    public async Task One_replica_drains_a_backlog_from_every_service_into_a_whole_log()
    {
        // given a backlog of events from five services, queued while the ledger was down
        var postgres = await infrastructure.CreateDatabaseAsync("ledger_backlog");
        var prefix = CityInfrastructure.NewPrefix("ledger-backlog");
        var database = new LedgerDatabase(postgres);
        await (await TestLedger.StartAsync(infrastructure, postgres, prefix)).DisposeAsync(); // declares its queue
        var events = Services.SelectMany(service => RecordedEvents.Random(Backlog / 5, service)).ToList();
        await using (var relay = await RecordedEvents.StartAsync(infrastructure, prefix))
        {
            await relay.PublishAsync(events);
        }

        // when a ledger starts and drains it
        await using var ledger = await TestLedger.StartAsync(infrastructure, postgres, prefix);
        await Eventually.UntilAsync(database.TreeSizeAsync, size => size >= Backlog, "the backlog", TimeSpan.FromMinutes(3));

        // then every event is in the log once, in a whole tree
        await LogAssertions.AssertWholeAsync(database, events);
    }
}
