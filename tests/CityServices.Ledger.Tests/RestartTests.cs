namespace CityServices.Ledger.Tests;

public sealed class RestartTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task A_ledger_stopped_mid_ingest_is_resumed_by_the_next_without_a_leaf_missing_or_doubled()
    {
        // given a ledger ingesting a stream of 6,000 events
        var postgres = await infrastructure.CreateDatabaseAsync("ledger_restart");
        var prefix = CityInfrastructure.NewPrefix("ledger-restart");
        var database = new LedgerDatabase(postgres);
        var events = RecordedEvents.Random(6000, "trade");
        await using var relay = await RecordedEvents.StartAsync(infrastructure, prefix);
        var stopped = await TestLedger.StartAsync(infrastructure, postgres, prefix);
        var publishing = relay.PublishAsync(events);

        // when it is stopped while messages are flowing, and a new one starts
        await Eventually.UntilAsync(database.TreeSizeAsync, size => size > 0, "the first leaves");
        await stopped.DisposeAsync();
        var stoppedAt = await database.TreeSizeAsync();
        await using var resumed = await TestLedger.StartAsync(infrastructure, postgres, prefix);
        await publishing;

        // then, once a marker published after them all is a leaf (every redelivery was queued before it),
        var marker = RecordedEvents.Random(1, "trade");
        await relay.PublishAsync(marker);
        await LogAssertions.WaitForLeafAsync(database, marker[0]);
        // the log holds every event once, in consecutive indices, as a sound tree
        Assert.InRange(stoppedAt, 1, events.Count - 1);
        await LogAssertions.AssertWholeAsync(database, [.. events, .. marker]);
    }
}
