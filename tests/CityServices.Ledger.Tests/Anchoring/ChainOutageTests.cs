namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>The chain going away delays anchors and loses nothing. Runs its own anvil, never the shared one.</summary>
public class ChainOutageTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task Checkpoints_fixed_while_the_chain_is_down_are_all_anchored_once_when_it_returns()
    {
        // given a ledger anchoring on a chain of its own, with one anchor done
        await using var anvil = await OwnAnvil.StartAsync(infrastructure);
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-outage");
        var tables = new AnchoringTables(postgres);
        await using var ledger = await AnchoringLedger.StartAsync(infrastructure, postgres, anvil.RpcUrl, OwnAnvil.DevAccount0Key);
        await ledger.AppendAsync(3);
        await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the anchor before the outage");

        // when the chain stops (its state kept) while the log grows through three checkpoints
        await anvil.StopAsync();
        foreach (var (leaves, checkpoints) in new[] { (2, 2), (5, 3), (1, 4) })
        {
            await ledger.AppendAsync(leaves);
            await Eventually.UntilAsync(tables.CheckpointsAsync, rows => rows.Count == checkpoints, $"checkpoint {checkpoints} during the outage");
        }

        Assert.Single(await tables.AnchorsAsync());

        // and the chain comes back with its state
        await anvil.RestartAsync();
        var anchors = await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 4, "every checkpoint anchored");

        // then every checkpoint is anchored exactly once, in order, with its own root
        var registry = anchors[0].Contract;
        var chain = new ChainView(anvil.RpcUrl);
        Assert.Equal([3L, 5L, 10L, 11L], anchors.Select(anchor => anchor.TreeSize));
        Assert.Equal([0L, 1L, 2L, 3L], anchors.Select(anchor => anchor.AnchorIndex));
        Assert.Equal(4, await chain.CountAsync(registry));
        foreach (var anchor in anchors)
        {
            Assert.Equal((ledger.ExpectedRoot(anchor.TreeSize), anchor.TreeSize), await chain.AnchorAtAsync(registry, anchor.AnchorIndex));
            Assert.Equal(await chain.BlockHashAsync(anchor.BlockNumber), anchor.BlockHash);
        }
    }
}
