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
        var run = await VerifyAsync(Receipts.For(_events[3], 3, _tree, _anchor));

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
    public async Task A_receipt_on_another_chain_than_the_pinned_one_fails_on_the_pinned_registry()
    {
        var run = await VerifyAsync(Receipts.For(_events[0], 0, _tree, _anchor with { ChainId = 1 }), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("leaf record", true), ("data hash", true), ("leaf hash", true), ("pinned registry", false)], Checks(run));
        Assert.Contains($"the anchor is on chain 1, not on the pinned chain {infrastructure.ChainId}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_for_another_event_than_its_record_fails_on_the_proof()
    {
        // given the record and data of event #2 with the proof of event #3
        var receipt = Receipts.For(_events[2], 2, _tree, _anchor);
        receipt["record"] = _events[1].RecordJson();
        receipt["data"] = _events[1].Data.DeepClone();

        var run = await VerifyAsync(receipt, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("leaf record", true), ("data hash", true), ("proof", false)], Checks(run));
        Assert.Contains($"the proof is for trade #3 ({_events[2].Id}), not this event", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_against_another_tree_size_than_its_anchor_fails_on_the_proof()
    {
        // given a proof against the head of size 4, carrying the anchor of size 5
        var receipt = Receipts.For(_events[1], 1, _tree, _anchor);
        receipt["proof"]!["treeSize"] = 4;
        receipt["proof"]!["rootHash"] = Hex.Encode(_tree.RootHash(4));
        receipt["proof"]!["auditPath"] = new JsonArray([.. _tree.InclusionProof(1, 4).Select(hash => (JsonNode)Hex.Encode(hash))]);

        var run = await VerifyAsync(receipt, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("leaf record", true), ("data hash", true), ("leaf hash", true), ("proof", false)], Checks(run));
        Assert.Contains("of size 4, but its anchor is of size 5", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_audit_path_under_an_honest_anchor_fails_on_the_inclusion_only()
    {
        var receipt = Receipts.For(_events[1], 1, _tree, _anchor);
        var path = receipt["proof"]!["auditPath"]!.AsArray();
        path[0] = new string('0', 64);

        var run = await VerifyAsync(receipt, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("leaf record", true), ("data hash", true), ("leaf hash", true), ("anchor on chain", true), ("inclusion", false)], Checks(run));
    }

    [Fact]
    public async Task An_unreadable_leaf_record_fails_on_the_leaf_record()
    {
        var receipt = Receipts.For(_events[0], 0, _tree, _anchor);
        receipt["record"]!["v"] = 99;

        var run = await VerifyAsync(receipt, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("leaf record", false)], Checks(run));
    }

    [Fact]
    public async Task A_pinned_address_whose_code_is_not_the_registry_fails_on_the_anchor()
    {
        // given a contract of other code, pinned, and a receipt naming it
        var other = await TestRegistry.DeployOtherCodeAsync(infrastructure);
        var receipt = Receipts.For(_events[0], 0, _tree, _anchor with { Contract = other.Address });

        var run = await RunAsync(receipt, "--registry", other.Pin, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("leaf record", true), ("data hash", true), ("leaf hash", true), ("anchor on chain", false)], Checks(run));
        Assert.Contains($"the code at the pinned registry {other.Address} is not the published AnchorRegistry", run.Stdout, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => File.Delete(_file);

    private static string? FirstFailure(CliRun run) =>
        run.Json().GetProperty("checks").EnumerateArray().First(check => !check.GetProperty("passed").GetBoolean()).GetProperty("name").GetString();

    /// <summary>Every check made, in order, with whether it passed.</summary>
    private static List<(string?, bool)> Checks(CliRun run) =>
        [.. run.Json().GetProperty("checks").EnumerateArray().Select(check => (check.GetProperty("name").GetString(), check.GetProperty("passed").GetBoolean()))];

    /// <summary>verify-event with the test's registry pinned.</summary>
    private Task<CliRun> VerifyAsync(JsonObject receipt, params string[] more) => RunAsync(receipt, ["--registry", _registry.Pin, .. more]);

    private async Task<CliRun> RunAsync(JsonObject receipt, params string[] more)
    {
        await File.WriteAllTextAsync(_file, receipt.ToJsonString(), Ct);
        return await Cli.RunAsync(["verify-event", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--event", _file, .. more]);
    }
}
