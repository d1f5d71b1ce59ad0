using System.Net;

namespace CityServices.Audit.Tests;

/// <summary>
/// The client verify-export lists a service's leaves with, against the REAL ledger (in-process, its own
/// database and broker prefix) rather than the fake: the route, its JSON shape and its paging agree.
/// </summary>
public sealed class RealLedgerClientTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly string _prefix = CityInfrastructure.NewPrefix("audit-ledger");
    private ServiceHost _ledger = null!;

    public async ValueTask InitializeAsync() =>
        _ledger = await LedgerHost.StartAsync(infrastructure, CityServices.Ledger.LedgerApp.Create, "audit_real_ledger", _prefix);

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    [Fact]
    public async Task The_service_leaf_listing_of_the_real_ledger_reads_whole_across_pages()
    {
        // given more trade leaves than one page of the client (1,000), interleaved with another service's
        var trade = RecordedEvents.Random(1003, "trade");
        var health = RecordedEvents.Random(40, "health-records");
        await using (var relay = await RecordedEvents.StartAsync(infrastructure, _prefix))
        {
            await relay.PublishAsync(trade.Concat(health).OrderBy(_ => Random.Shared.Next()));
        }

        var client = new LedgerClient(_ledger.Http, LedgerAddress.Parse(_ledger.Http.BaseAddress!.ToString()));
        var all = await Eventually.UntilAsync(
            async () => await ReadAsync(client, "trade"), leaves => leaves.Count >= trade.Count, "1003 trade leaves listed");

        // when and then: every trade event once, in log order, with its sequence and hash; nothing of the other service
        Assert.Equal(trade.Count, all.Select(leaf => leaf.EventId).Distinct().Count());
        Assert.Equal(all.OrderBy(leaf => leaf.LeafIndex), all);
        var published = trade.ToDictionary(e => e.EventId);
        Assert.All(all, leaf => Assert.Equal((published[leaf.EventId].Sequence, published[leaf.EventId].LeafHash), (leaf.Sequence, leaf.LeafHash)));
        Assert.Empty(await ReadAsync(client, "never-logged"));
        var malformed = await Assert.ThrowsAsync<LedgerException>(() => ReadAsync(client, "Trade"));
        Assert.Equal((int)HttpStatusCode.BadRequest, malformed.Status);
    }

    private static async Task<List<ServiceLeaf>> ReadAsync(LedgerClient client, string service)
    {
        var leaves = new List<ServiceLeaf>();
        await foreach (var leaf in client.ServiceLeavesAsync(service, Ct))
        {
            leaves.Add(leaf);
        }

        return leaves;
    }
}
