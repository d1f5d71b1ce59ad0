namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>
/// An anchor whose block is reorganised away before its confirmations is sent again, and the block
/// that survives is the one recorded. Runs its own anvil (automine), reorganised with <c>anvil_reorg</c>.
/// </summary>
public class ReorganisationTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task An_anchor_reorganised_away_before_its_confirmations_is_sent_again_and_the_surviving_block_recorded()
    {
        // given a ledger that waits for 3 confirmations on a chain of its own, which only grows when the test mines
        await using var anvil = await OwnAnvil.StartAsync(infrastructure);
        var chain = new ChainView(anvil.RpcUrl);
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-reorg");
        var tables = new AnchoringTables(postgres);
        await using var ledger = await AnchoringLedger.StartAsync(
            infrastructure, postgres, anvil.RpcUrl, OwnAnvil.DevAccount0Key, confirmations: 3);
        using var measurements = new AnchoringMeasurements(ledger.Services);
        var registry = await Eventually.UntilAsync(tables.RecordedRegistryAsync, address => address is not null, "the registry deployment");

        // when the anchor is mined, and the ledger has seen it,
        await ledger.AppendAsync(6);
        await Eventually.UntilAsync(() => chain.CountAsync(registry!), count => count == 1, "the anchor to be mined");
        var minedIn = await chain.BlockNumberAsync();
        var firstBlockHash = await chain.BlockHashAsync(minedIn);
        // (it holds the receipt once it polls the chain's head for confirmations: only that wait asks for the head)
        var polled = anvil.Calls("eth_blockNumber");
        await Eventually.Until(() => anvil.Calls("eth_blockNumber"), calls => calls > polled, "the ledger to wait for confirmations");

        // and the chain replaces its block with an empty one before the confirmations arrive
        await anvil.CallAsync("anvil_reorg", 1, Array.Empty<object>());
        Assert.Equal(0, await chain.CountAsync(registry!));
        Assert.NotEqual(firstBlockHash, await chain.BlockHashAsync(minedIn));
        Assert.Empty(await tables.AnchorsAsync());

        // and blocks keep coming
        using var mining = new CancellationTokenSource();
        var miner = MineAsync(anvil, mining.Token);
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the anchor after the reorganisation"));
        await mining.CancelAsync();
        await miner;

        // then the ledger saw the reorganisation and sent the anchor again, once
        Assert.Equal([1.0], measurements.Of("ledger.anchors.reorganised"));
        Assert.Equal([1.0, 1.0], measurements.Of("ledger.anchors.sent"));
        // and recorded it in a block the chain still has, after its confirmations
        Assert.Equal(1, await chain.CountAsync(registry!));
        Assert.Equal((ledger.ExpectedRoot(6), 6L), await chain.AnchorAtAsync(registry!, 0));
        Assert.NotEqual(firstBlockHash, anchor.BlockHash);
        Assert.Equal(await chain.BlockHashAsync(anchor.BlockNumber), anchor.BlockHash);
        Assert.True(await chain.BlockNumberAsync() >= anchor.BlockNumber + 2, "recorded before 3 confirmations");
        Assert.Equal(anchor.BlockHash, (await chain.ReceiptAsync(anchor.TransactionHash))!.BlockHash);
    }

    private static async Task MineAsync(OwnAnvil anvil, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await anvil.CallAsync("evm_mine");
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
