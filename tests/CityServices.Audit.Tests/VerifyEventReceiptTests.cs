namespace CityServices.Audit.Tests;

/// <summary>
/// verify-event with a receipt, end to end on the real anvil: a registry deployed from the committed
/// bytecode, a tree of real leaf records, its head anchored, and receipts checked with the chain alone.
/// </summary>
public sealed class VerifyEventReceiptTests(CityInfrastructure infrastructure) : IAsyncLifetime, IDisposable
{
    private readonly List<SampleEvent> _events = [.. Enumerable.Range(1, 5).Select(i => SampleEvent.Create("trade", i))];
    private readonly string _file = Path.GetTempFileName();
    private MerkleTree _tree = new();
    private TestRegistry _registry = null!;
    private Anchor _anchor = null!;

    public async ValueTask InitializeAsync()
    {
        _registry = await TestRegistry.DeployAsync(infrastructure);
        await _registry.AnchorAsync(0, Hex.DecodeHash(new string('1', 64)), 2);
        _tree = new MerkleTree(_events.Select(e => e.LeafHash));
        _anchor = await _registry.AnchorAsync(1, _tree.RootHash(), _tree.Size);
    }

    [Fact]
    public async Task A_receipt_verifies_with_the_chain_alone()
    {
        var run = await VerifyAsync(Receipts.For(_events[3], 3, _tree, _anchor), "--contract", _registry.Address);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"VERIFIED: event {_events[3].Id}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_verifies_in_json_with_every_check_passed()
    {
        var run = await VerifyAsync(Receipts.For(_events[0], 0, _tree, _anchor), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.True(json.GetProperty("verified").GetBoolean());
        Assert.Equal(_events[0].Record.LeafHashHex(), json.GetProperty("leafHash").GetString());
        Assert.Equal(["leaf record", "data hash", "leaf hash", "anchor on chain", "inclusion"],
            json.GetProperty("checks").EnumerateArray().Select(check => check.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_receipt_with_altered_data_fails_on_the_data_hash()
    {
        var receipt = Receipts.For(_events[2], 2, _tree, _anchor);
        receipt["data"]!["note"] = "rewritten";

        var run = await VerifyAsync(receipt, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("data hash", FirstFailure(run));
    }

    [Fact]
    public async Task A_receipt_whose_proof_is_against_a_root_the_chain_does_not_have_fails_on_the_anchor()
    {
        // given a proof from a tree of six leaves, whose head was never anchored, claiming anchor #1
        var unanchored = new MerkleTree([.. _events.Select(e => e.LeafHash), SampleEvent.Create("trade", 6).LeafHash]);
        var claimed = _anchor with { TreeSize = unanchored.Size, RootHash = Hex.Encode(unanchored.RootHash()) };

        var run = await VerifyAsync(Receipts.For(_events[1], 1, unanchored, claimed));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAILED", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"anchor on chain: anchor #1 on chain is root {_anchor.RootHash} of size 5", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_naming_an_anchor_index_the_registry_does_not_hold_fails_on_the_anchor()
    {
        var run = await VerifyAsync(Receipts.For(_events[1], 1, _tree, _anchor with { Index = 7 }));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("anchor #7 does not exist: the registry", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("holds 2 anchors", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_pointing_at_another_index_with_a_different_root_fails_on_the_anchor()
    {
        var run = await VerifyAsync(Receipts.For(_events[1], 1, _tree, _anchor with { Index = 0 }), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("anchor on chain", FirstFailure(run));
    }

    [Fact]
    public async Task A_receipt_with_an_altered_record_fails_on_the_leaf_hash()
    {
        var receipt = Receipts.For(_events[4], 4, _tree, _anchor);
        receipt["record"]!["streamVersion"] = 99;

        var run = await VerifyAsync(receipt, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("leaf hash", FirstFailure(run));
    }

    [Fact]
    public async Task A_receipt_on_the_wrong_chain_id_fails_on_the_anchor()
    {
        var run = await VerifyAsync(Receipts.For(_events[0], 0, _tree, _anchor with { ChainId = 1 }));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the anchor is on chain 1, but the RPC endpoint serves chain", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_naming_a_contract_other_than_the_trusted_registry_fails()
    {
        var run = await VerifyAsync(Receipts.For(_events[0], 0, _tree, _anchor), "--contract", "0x000000000000000000000000000000000000dead");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not the registry 0x000000000000000000000000000000000000dead you gave", run.Stdout, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => File.Delete(_file);

    private static string? FirstFailure(CliRun run) =>
        run.Json().GetProperty("checks").EnumerateArray().First(check => !check.GetProperty("passed").GetBoolean()).GetProperty("name").GetString();

    private async Task<CliRun> VerifyAsync(JsonObject receipt, params string[] more)
    {
        await File.WriteAllTextAsync(_file, receipt.ToJsonString(), Ct);
        return await Cli.RunAsync(["verify-event", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--event", _file, .. more]);
    }
}
