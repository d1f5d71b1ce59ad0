using Nethereum.Web3.Accounts;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>
/// Checkpoints and anchors on the shared chain. Each test has its own database and its own funded
/// account (so its own nonce and its own registry).
/// </summary>
public class CheckpointAnchoringTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task A_grown_log_gets_a_checkpoint_anchored_on_chain_with_its_root_size_and_block()
    {
        // given a ledger with anchoring on, and a log of 5 leaves
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring");
        var tables = new AnchoringTables(postgres);
        var chain = new ChainView(infrastructure.ChainRpcUrl);
        await using var ledger = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, await infrastructure.FundNewAccountAsync());
        await ledger.AppendAsync(5);

        // when the next cycle fixes and anchors a checkpoint
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the first anchor"));

        // then the checkpoint holds the log's root, and the chain holds the same root and size
        Assert.Equal([new AnchoringTables.CheckpointRow(5, ledger.ExpectedRoot(5))], await tables.CheckpointsAsync());
        Assert.Equal((ledger.ExpectedRoot(5), 5L), await chain.AnchorAtAsync(anchor.Contract, anchor.AnchorIndex));
        Assert.Equal(0, anchor.AnchorIndex);
        Assert.Equal(await tables.RecordedRegistryAsync(), anchor.Contract);
        Assert.Equal(infrastructure.ChainId, anchor.ChainId);
        // and the recorded block is the chain's block at that height, holding the transaction
        Assert.Equal(await chain.BlockHashAsync(anchor.BlockNumber), anchor.BlockHash);
        var receipt = await chain.ReceiptAsync(anchor.TransactionHash);
        Assert.NotNull(receipt);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(anchor.BlockHash, receipt.BlockHash);
        Assert.Equal((long)receipt.GasUsed.Value, anchor.GasUsed);
        TestContext.Current.SendDiagnosticMessage($"gas per anchor (first, 5 leaves): {anchor.GasUsed}");

        // when the log grows again
        await ledger.AppendAsync(3);
        var anchors = await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 2, "the second anchor");

        // then a second checkpoint is anchored after the first, one transaction for its 3 new leaves
        var second = anchors[1];
        Assert.Equal((8L, 1L), (second.TreeSize, second.AnchorIndex));
        Assert.Equal((ledger.ExpectedRoot(8), 8L), await chain.AnchorAtAsync(second.Contract, 1));
        Assert.Equal(2, await chain.CountAsync(second.Contract));
        Assert.Equal(await chain.BlockHashAsync(second.BlockNumber), second.BlockHash);
        TestContext.Current.SendDiagnosticMessage($"gas per anchor (second, 3 leaves): {second.GasUsed}");
    }

    [Fact]
    public async Task Anchoring_reports_what_it_sent_confirmed_and_spent_and_how_far_it_lags()
    {
        // given a ledger whose anchoring instruments are listened to
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-metrics");
        var tables = new AnchoringTables(postgres);
        await using var ledger = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, await infrastructure.FundNewAccountAsync());
        using var measurements = new AnchoringMeasurements(ledger.Services);

        // when 4 leaves are anchored
        await ledger.AppendAsync(4);
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the anchor"));
        await Eventually.UntilAsync(() => Task.FromResult(measurements.Of("ledger.anchor.lag_leaves")), values => values.Count > 0 && values[^1] == 0, "the lag to drop");

        // then one transaction was sent and confirmed, its gas reported whole and per leaf, and nothing lags
        Assert.Equal([1.0], measurements.Of("ledger.anchors.sent"));
        Assert.Equal([1.0], measurements.Of("ledger.anchors.confirmed"));
        Assert.Equal([(double)anchor.GasUsed!], measurements.Of("ledger.anchor.gas"));
        Assert.Equal([anchor.GasUsed!.Value / 4.0], measurements.Of("ledger.anchor.gas_per_leaf"));
        Assert.Equal(0, measurements.Of("ledger.anchor.lag")[^1]);
    }

    [Fact]
    public async Task A_restarted_ledger_reuses_the_registry_it_deployed()
    {
        // given a ledger that deployed its registry and anchored once
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-restart");
        var tables = new AnchoringTables(postgres);
        var chain = new ChainView(infrastructure.ChainRpcUrl);
        var key = await infrastructure.FundNewAccountAsync();
        var expected = new Hashing.Merkle.MerkleTree();
        await using (var first = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, key, expected))
        {
            await first.AppendAsync(4);
            await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the first anchor");
        }

        var registry = await tables.RecordedRegistryAsync();

        // when it restarts and the log grows
        await using var second = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, key, expected);
        await second.AppendAsync(2);
        var anchors = await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 2, "the anchor after the restart");

        // then both anchors are in the one registry, and the account sent one deployment and two anchors
        Assert.All(anchors, anchor => Assert.Equal(registry, anchor.Contract));
        Assert.Equal((second.ExpectedRoot(6), 6L), await chain.AnchorAtAsync(registry!, 1));
        Assert.Equal(3, await chain.NonceAsync(new Account(key).Address));
    }

    [Fact]
    public async Task A_configured_registry_is_used_as_it_is_and_nothing_is_deployed()
    {
        // given a registry the operator deployed with the ledger's account
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-configured");
        var tables = new AnchoringTables(postgres);
        var chain = new ChainView(infrastructure.ChainRpcUrl);
        var key = await infrastructure.FundNewAccountAsync();
        var contract = await RegistryDeployment.DeployAsync(new Web3(new Account(key, infrastructure.ChainId), infrastructure.ChainRpcUrl.ToString()), infrastructure);

        // when the ledger is configured with it and the log grows
        await using var ledger = await AnchoringLedger.StartAsync(
            infrastructure, postgres, infrastructure.ChainRpcUrl, key, contractAddress: contract);
        await ledger.AppendAsync(7);
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the anchor"));

        // then the anchor is in that registry and the ledger recorded no deployment of its own
        Assert.Equal(contract, anchor.Contract);
        Assert.Equal((ledger.ExpectedRoot(7), 7L), await chain.AnchorAtAsync(contract, 0));
        Assert.Null(await tables.RecordedRegistryAsync());
    }
}
