namespace CityServices.Audit.Tests;

/// <summary>verify-event with an audit-export line: the proof comes from the (fake) ledger, the anchor from the real anvil.</summary>
public sealed class VerifyEventExportLineTests(CityInfrastructure infrastructure) : IAsyncLifetime, IDisposable
{
    private readonly List<SampleEvent> _events = [.. Enumerable.Range(1, 3).Select(i => SampleEvent.Create("sharing", i))];
    private readonly string _file = Path.GetTempFileName();
    private FakeLedger _ledger = null!;
    private TestRegistry _registry = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await FakeLedger.StartAsync();
        _registry = await TestRegistry.DeployAsync(infrastructure);
        _events.ForEach(_ledger.Append);
        var tree = _ledger.Tree();
        _ledger.Anchors.Add(await _registry.AnchorAsync(0, tree.RootHash(), tree.Size));
    }

    [Fact]
    public async Task An_export_line_verifies_with_its_proof_from_the_ledger()
    {
        var run = await VerifyAsync(_events[1].ExportLine());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ok   inclusion: leaf 1 of 3 leads to the anchored root", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_line_of_an_event_the_ledger_does_not_know_fails_on_the_proof()
    {
        var run = await VerifyAsync(SampleEvent.Create("sharing", 4).ExportLine());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL proof: the ledger has no such event (404)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_line_without_a_ledger_to_ask_fails_on_the_proof()
    {
        await File.WriteAllTextAsync(_file, _events[0].ExportLine(), Ct);

        var run = await Cli.RunAsync("verify-event", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--event", _file, "--registry", _registry.Pin);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no --ledger was given", run.Stdout, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _ledger.DisposeAsync();

    public void Dispose() => File.Delete(_file);

    private async Task<CliRun> VerifyAsync(string line)
    {
        await File.WriteAllTextAsync(_file, line, Ct);
        return await Cli.RunAsync("verify-event", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--event", _file, "--ledger", _ledger.Url, "--registry", _registry.Pin);
    }
}
