namespace CityServices.Ledger.Tests;

public sealed class ConcurrentIngestTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task Two_ledger_replicas_on_one_database_never_double_or_skip_an_index()
    {
        // given two ledger replicas sharing a database and a queue
        var postgres = await infrastructure.CreateDatabaseAsync("ledger_replicas");
        var prefix = CityInfrastructure.NewPrefix("ledger-replicas");
        var database = new LedgerDatabase(postgres);
        await using var first = await TestLedger.StartAsync(infrastructure, postgres, prefix);
        await using var second = await TestLedger.StartAsync(infrastructure, postgres, prefix);
        await using var relay = await RecordedEvents.StartAsync(infrastructure, prefix);

        // when 4,000 events arrive, each twice under different message ids, so both replicas meet copies
        var events = RecordedEvents.Random(4000, "sharing");
        await Task.WhenAll(relay.PublishAsync(events), relay.PublishAsync(events, freshMessageIds: true));

        // then, once a marker published after them is a leaf and both replicas have stopped (a marker
        // taken by one replica says nothing of the other's batch; a stopped replica has none in flight),
        var marker = RecordedEvents.Random(1, "sharing");
        await relay.PublishAsync(marker);
        await LogAssertions.WaitForLeafAsync(database, marker[0]);
        await Task.WhenAll(first.StopAsync(), second.StopAsync());
        // every event is one leaf, at indices 0..4000, and the tree is the reference tree
        await LogAssertions.AssertWholeAsync(database, [.. events, .. marker]);
    }
}
