using Nethereum.Web3.Accounts;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>The chain, not the database, says what is anchored: nothing is anchored twice, even across crashes and replicas.</summary>
public class CrashRecoveryTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task An_anchor_sent_by_a_run_that_crashed_before_recording_it_is_reconciled_from_the_chain_not_sent_again()
    {
        // given a checkpoint whose anchor a previous run sent and saw mined, then crashed before recording it
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-crash");
        var tables = new AnchoringTables(postgres);
        var chain = new ChainView(infrastructure.ChainRpcUrl);
        var key = await infrastructure.FundNewAccountAsync();
        var web3 = new Web3(new Account(key, infrastructure.ChainId), infrastructure.ChainRpcUrl.ToString());
        var registry = await RegistryDeployment.DeployAsync(web3, infrastructure);
        var expected = new Hashing.Merkle.MerkleTree();
        await using (var crashed = await AnchoringLedger.StartAsync(
            infrastructure, postgres, infrastructure.ChainRpcUrl, key, expected, contractAddress: registry, anchoring: false))
        {
            await crashed.AppendAsync(9);
        }

        await new LedgerDatabase(postgres).InsertCheckpointAsync(9, expected.RootHash(9));
        var sent = await RegistryDeployment.AnchorAsync(web3, registry, expected.RootHash(9), 9);
        var nonceBefore = await chain.NonceAsync(web3.TransactionManager.Account.Address);

        // when the ledger starts again with anchoring on
        await using var ledger = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, key, expected, contractAddress: registry);
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the reconciled anchor"));

        // then it records the anchor already on chain and sends nothing
        Assert.Equal((9L, 0L, sent.TransactionHash, (long)sent.BlockNumber.Value, sent.BlockHash), (anchor.TreeSize, anchor.AnchorIndex, anchor.TransactionHash, anchor.BlockNumber, anchor.BlockHash));
        Assert.Equal(1, await chain.CountAsync(registry));
        Assert.Equal(nonceBefore, await chain.NonceAsync(web3.TransactionManager.Account.Address));
    }

    [Fact]
    public async Task Two_replicas_anchor_through_one_writer_and_never_twice()
    {
        // given two ledger replicas on one database and one account
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-replicas");
        var tables = new AnchoringTables(postgres);
        var key = await infrastructure.FundNewAccountAsync();
        var expected = new Hashing.Merkle.MerkleTree();
        await using var first = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, key, expected);
        await using var second = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, key, expected);

        // when the log grows through several checkpoints
        for (var round = 1; round <= 3; round++)
        {
            await first.AppendAsync(2);
            await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == round, $"anchor {round}");
        }

        // then each checkpoint has one anchor, and the registry holds exactly those
        var anchors = await tables.AnchorsAsync();
        Assert.Equal([2L, 4L, 6L], anchors.Select(anchor => anchor.TreeSize));
        Assert.Equal(3, await new ChainView(infrastructure.ChainRpcUrl).CountAsync(anchors[0].Contract));
        Assert.Equal(anchors.Select(anchor => anchor.TreeSize), (await tables.CheckpointsAsync()).Select(checkpoint => checkpoint.TreeSize));
    }
}
