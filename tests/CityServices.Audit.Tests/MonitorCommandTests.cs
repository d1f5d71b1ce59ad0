using System.Globalization;

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
        await AnchorSizesAsync(3, 5, 8);

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

    [Theory]
    [InlineData(503)]
    [InlineData(400)]
    public async Task A_ledger_that_gives_no_consistency_proof_could_not_check_and_reports_no_break(int status)
    {
        // given a history whose first pair verifies, and a ledger that then answers no proof (down, or not listing an anchor yet)
        await AnchorSizesAsync(3, 5, 8);
        var first = await MonitorAsync("--json");
        _ledger.ConsistencyRefusal = status;

        // when
        var run = await MonitorAsync("--json", "--retries", "1");

        // then nothing is called tampering: its own exit code, no break, the reason
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(3, run.ExitCode);
        var json = run.Json();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("firstBreak").ValueKind);
        Assert.StartsWith("after anchor #0: ", json.GetProperty("couldNotCheck").GetString(), StringComparison.Ordinal);
        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), json.GetProperty("couldNotCheck").GetString(), StringComparison.Ordinal);
        Assert.False(json.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task A_storm_of_429s_is_waited_out_as_told_then_could_not_check_never_failed()
    {
        // given a ledger refusing every request with Retry-After: 1
        await AnchorSizesAsync(3, 5, 8);
        _ledger.Refusal = 429;

        // when the monitor may retry twice
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = await MonitorAsync("--retries", "2");

        // then it asked three times, waited the second asked for before each retry, and says it could not check
        Assert.Equal(3, run.ExitCode);
        Assert.Equal(3, _ledger.LedgerRequests);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"retried after {clock.Elapsed}, before Retry-After");
        Assert.StartsWith("COULD NOT CHECK: after anchor #0: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("429", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ledger_that_cannot_be_reached_could_not_check()
    {
        await AnchorSizesAsync(3, 8);

        var run = await Cli.RunAsync("monitor", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", _registry.Pin,
            "--ledger", $"http://127.0.0.1:{Loopback.FreePort()}/", "--retries", "1", "--json");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(JsonValueKind.Null, run.Json().GetProperty("firstBreak").ValueKind);
        Assert.Equal(0, run.Json().GetProperty("pairsVerified").GetInt64());
    }

    [Fact]
    public async Task A_ledger_proof_for_other_sizes_than_the_anchors_is_reported_with_the_sizes_it_answered()
    {
        await AnchorSizesAsync(3, 5, 8);
        _ledger.ClaimedSizes = (2, 5);

        var run = await MonitorAsync("--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("the ledger answered a proof for sizes 2 and 5 instead", run.Json().GetProperty("firstBreak").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_pinned_address_whose_code_is_not_the_registry_is_reported_before_anything_is_read_there()
    {
        var other = await TestRegistry.DeployOtherCodeAsync(infrastructure);

        var run = await Cli.RunAsync("monitor", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", other.Pin, "--ledger", _ledger.Url, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("the code at the pinned registry is not the published AnchorRegistry", run.Json().GetProperty("firstBreak").GetProperty("reason").GetString());
        Assert.DoesNotContain("VERIFIED", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_pinned_registry_the_monitor_cannot_verify_and_exits_2()
    {
        await AnchorSizesAsync(3, 8);

        var run = await Cli.RunAsync("monitor", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--ledger", _ledger.Url);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ERROR: cannot verify without a pinned registry", run.Stdout, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _ledger.DisposeAsync();

    private async Task AnchorSizesAsync(params long[] sizes)
    {
        var tree = _ledger.Tree();
        foreach (var (size, index) in sizes.Select((size, index) => (size, index)))
        {
            _ledger.Anchors.Add(await _registry.AnchorAsync(index, tree.RootHash(size), size));
        }
    }

    private Task<CliRun> MonitorAsync(params string[] more) =>
        Cli.RunAsync(["monitor", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", _registry.Pin, "--ledger", _ledger.Url, .. more]);
}
