namespace CityServices.Audit.Tests;

/// <summary>monitor: anchors read from the real anvil, consistency proofs from a fake ledger.</summary>
public sealed class MonitorCommandTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private FakeLedger _ledger = null!;
    private TestRegistry _registry = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await FakeLedger.StartAsync();
        _registry = await TestRegistry.DeployAsync(infrastructure);
        foreach (var sequence in Enumerable.Range(1, 8))
        {
            _ledger.Append(SampleEvent.Create("trade", sequence));
        }
    }

    [Fact]
    public async Task A_history_where_each_anchor_extends_the_last_verifies()
    {
        // given anchors of the same log at sizes 3, 5 and 8
        var tree = _ledger.Tree();
        foreach (var (size, index) in new long[] { 3, 5, 8 }.Select((size, index) => (size, index)))
        {
            _ledger.Anchors.Add(await _registry.AnchorAsync(index, tree.RootHash(size), size));
        }

        // when
        var run = await MonitorAsync("--json");

        // then
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal(3, json.GetProperty("anchorCount").GetInt64());
        Assert.Equal(2, json.GetProperty("pairsVerified").GetInt64());
        Assert.Equal(8, json.GetProperty("latest").GetProperty("treeSize").GetInt64());
    }

    [Fact]
    public async Task A_forked_history_is_reported_at_the_anchor_pair_where_it_forks()
    {
        // given anchors at 3 and 5 of the log, then an anchor at 8 of a history whose fourth leaf was rewritten
        var tree = _ledger.Tree();
        var forked = new MerkleTree(_ledger.Log.Select((leaf, i) => i == 3 ? MerkleHash.Leaf([1, 2, 3]) : leaf.LeafHash));
        await _registry.AnchorAsync(0, tree.RootHash(3), 3);
        await _registry.AnchorAsync(1, tree.RootHash(5), 5);
        await _registry.AnchorAsync(2, forked.RootHash(8), 8);

        // when the ledger proves consistency from its own log
        var run = await MonitorAsync("--json");

        // then the break is between anchors 1 and 2, and the reason names the mismatch
        Assert.Equal(1, run.ExitCode);
        var firstBreak = run.Json().GetProperty("firstBreak");
        Assert.Equal(1, firstBreak.GetProperty("firstIndex").GetInt64());
        Assert.Equal(2, firstBreak.GetProperty("secondIndex").GetInt64());
        Assert.Contains($"are not the chain's ({Hex.Encode(tree.RootHash(5))}", firstBreak.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, run.Json().GetProperty("pairsVerified").GetInt64());
    }

    [Fact]
    public async Task A_ledger_proof_that_does_not_link_the_chain_roots_is_reported_with_the_failed_check()
    {
        // given anchors at 3 and 8 of the log, and a ledger whose proofs come from another history with the chain's roots claimed
        var tree = _ledger.Tree();
        await _registry.AnchorAsync(0, tree.RootHash(3), 3);
        await _registry.AnchorAsync(1, tree.RootHash(8), 8);
        _ledger.ConsistencySource = new MerkleTree(_ledger.Log.Select((leaf, i) => i == 6 ? MerkleHash.Leaf([9]) : leaf.LeafHash));
        _ledger.ClaimedRoots = (tree.RootHash(3), tree.RootHash(8));

        var run = await MonitorAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAILED: anchors #0 (size 3) and #1 (size 8)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("the consistency proof does not verify against the chain's roots", run.Stdout, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _ledger.DisposeAsync();

    private Task<CliRun> MonitorAsync(params string[] more) =>
        Cli.RunAsync(["monitor", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--contract", _registry.Address, "--ledger", _ledger.Url, .. more]);
}
