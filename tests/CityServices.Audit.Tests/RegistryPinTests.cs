namespace CityServices.Audit.Tests;

/// <summary>
/// The auditor's trust anchor on the real anvil: a receipt verifies only against the registry the
/// auditor pinned (chain id and address), never against the one the receipt names.
/// </summary>
public sealed class RegistryPinTests(CityInfrastructure infrastructure) : IAsyncLifetime, IDisposable
{
    private readonly List<SampleEvent> _events = [.. Enumerable.Range(1, 4).Select(i => SampleEvent.Create("health-records", i))];
    private readonly string _receiptFile = Path.GetTempFileName();
    private readonly string _pinFile = Path.GetTempFileName();
    private MerkleTree _tree = new();
    private TestRegistry _city = null!;
    private JsonObject _receipt = null!;

    public async ValueTask InitializeAsync()
    {
        _city = await TestRegistry.DeployAsync(infrastructure);
        _tree = new MerkleTree(_events.Select(e => e.LeafHash));
        _receipt = Receipts.For(_events[2], 2, _tree, await _city.AnchorAsync(0, _tree.RootHash(), _tree.Size));
    }

    [Fact]
    public async Task The_honest_receipt_with_the_citys_registry_pinned_verifies()
    {
        var run = await VerifyAsync(_receipt, "--registry", _city.Pin);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"VERIFIED: event {_events[2].Id}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_honest_receipt_with_the_citys_pin_document_verifies()
    {
        await File.WriteAllTextAsync(_pinFile, $$"""{ "chainId": {{infrastructure.ChainId}}, "registry": "{{_city.Address.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)}}" }""", Ct);

        var run = await VerifyAsync(_receipt, "--pin", _pinFile);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_receipt_anchored_in_a_look_alike_registry_is_refused_on_the_pinned_registry()
    {
        // given an attacker's registry: the same bytecode at another address, holding a root of a forged tree
        var lookAlike = await TestRegistry.DeployAsync(infrastructure);
        var forged = _events[2] with { Data = new JsonObject { ["note"] = "forged" } };
        forged = forged with { Record = forged.Record with { DataSha256 = EventDataHash.Compute(JsonSerializer.SerializeToElement(forged.Data)) } };
        var forgedTree = new MerkleTree([forged.LeafHash]);
        var receipt = Receipts.For(forged, 0, forgedTree, await lookAlike.AnchorAsync(0, forgedTree.RootHash(), 1));

        // when the auditor checks it with the city's registry pinned
        var run = await VerifyAsync(receipt, "--registry", _city.Pin, "--json");

        // then it is refused at the pin, before anything is read from the look-alike
        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("leaf record", true), ("data hash", true), ("leaf hash", true), ("pinned registry", false)],
            run.Json().GetProperty("checks").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("passed").GetBoolean())));
        Assert.Contains($"the anchor is in registry {lookAlike.Address}, not in the pinned registry {_city.Address}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pin_of_another_chain_than_the_endpoint_serves_cannot_verify()
    {
        var run = await VerifyAsync(_receipt, "--registry", $"1:{_city.Address}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"cannot verify: the RPC endpoint serves chain {infrastructure.ChainId}, but the pinned registry is {_city.Address} on chain 1", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("VERIFIED", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_pin_the_honest_receipt_cannot_be_verified_and_exits_2()
    {
        var run = await VerifyAsync(_receipt, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("cannot verify without a pinned registry", run.Json().GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(run.Json().GetProperty("verified").GetBoolean());
    }

    [Theory]
    [InlineData("--registry", "31337")]
    [InlineData("--registry", "31337:0x1234")]
    [InlineData("--registry", "x:0x5fbdb2315678afecb367f032d93f642f64180aa3")]
    [InlineData("--pin", "{\"chainId\": 31337}")]
    [InlineData("--pin", "not json")]
    public async Task A_malformed_pin_is_an_input_error(string option, string value)
    {
        await File.WriteAllTextAsync(_pinFile, value, Ct);

        var run = await VerifyAsync(_receipt, option, option == "--pin" ? _pinFile : value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"ERROR: {option}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_a_registry_and_a_pin_document_is_an_input_error()
    {
        await File.WriteAllTextAsync(_pinFile, $$"""{ "chainId": {{infrastructure.ChainId}}, "registry": "{{_city.Address}}" }""", Ct);

        var run = await VerifyAsync(_receipt, "--registry", _city.Pin, "--pin", _pinFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("ERROR: give --registry or --pin, not both.", run.Stdout.Trim());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose()
    {
        File.Delete(_receiptFile);
        File.Delete(_pinFile);
    }

    private async Task<CliRun> VerifyAsync(JsonObject receipt, params string[] more)
    {
        await File.WriteAllTextAsync(_receiptFile, receipt.ToJsonString(), Ct);
        return await Cli.RunAsync(["verify-event", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--event", _receiptFile, .. more]);
    }
}
