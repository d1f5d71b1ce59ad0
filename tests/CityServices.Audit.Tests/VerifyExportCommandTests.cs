namespace CityServices.Audit.Tests;

/// <summary>
/// verify-export against a fake ledger whose checkpoint is anchored on the real anvil. The log
/// interleaves another service's leaves, as the real one does.
/// </summary>
public sealed class VerifyExportCommandTests(CityInfrastructure infrastructure) : IAsyncLifetime, IDisposable
{
    private static readonly int[] SwappedLogOrder = [0, 1, 2, 4, 3, 5, 6, 7];

    private readonly List<SampleEvent> _trade = [.. Enumerable.Range(1, 9).Select(i => SampleEvent.Create("trade", i))];
    private readonly string _file = Path.GetTempFileName();
    private FakeLedger _ledger = null!;
    private TestRegistry _registry = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await FakeLedger.StartAsync();
        _registry = await TestRegistry.DeployAsync(infrastructure);
    }

    [Fact]
    public async Task An_export_matching_the_anchored_log_verifies_and_newer_events_are_pending()
    {
        // given a log of trade #1-#8 (and health-records events between), anchored; then trade #9 logged after the anchor
        await LogAndAnchorAsync(_trade.Take(8));
        _ledger.Append(_trade[8]);

        // when the whole export is verified
        var run = await VerifyFileAsync(_trade.Select(e => e.ExportLine()), "--json");

        // then
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal(8, json.GetProperty("eventsProven").GetInt64());
        Assert.Equal([_trade[8].Id], json.GetProperty("pendingEventIds").EnumerateArray().Select(id => id.GetGuid()));
        Assert.Empty(json.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task An_altered_a_deleted_an_inserted_and_two_swapped_events_are_each_reported_by_id()
    {
        // given a log where trade #4 and #5 were appended in the opposite order of their sequence
        await LogAndAnchorAsync(SwappedLogOrder.Select(i => _trade[i]));
        var inserted = SampleEvent.Create("trade", 10);

        // and an export where #2's data was altered, #3 is missing and an event the log never saw was added
        var export = _trade.Take(8).Where(e => e != _trade[2]).Select(e => e == _trade[1] ? e.WithAlteredData() : e).Append(inserted);

        // when
        var run = await VerifyFileAsync(export.Select(e => e.ExportLine()), "--json");

        // then
        Assert.Equal(1, run.ExitCode);
        var findings = run.Json().GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal([_trade[1].Id], IdsOf(findings, "altered"));
        Assert.Equal([_trade[2].Id], IdsOf(findings, "deleted"));
        Assert.Equal([inserted.Id], IdsOf(findings, "inserted"));
        Assert.Equal([_trade[3].Id, _trade[4].Id], IdsOf(findings, "reordered"));
        Assert.Equal(5, findings.Count);
    }

    [Fact]
    public async Task The_text_report_names_each_finding_with_its_reason()
    {
        await LogAndAnchorAsync(_trade.Take(4));
        var altered = _trade[0] with { Record = _trade[0].Record with { StreamVersion = 42 } };

        var run = await VerifyFileAsync([altered.ExportLine(), .. _trade.Skip(1).Take(3).Select(e => e.ExportLine())]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"ALTERED    {_trade[0].Id} (sequence 1): line 1: the record hashes to leaf", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAILED: 4 lines, 3 events proven in the log of size", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_read_from_its_url_with_an_auditor_token_verifies()
    {
        await LogAndAnchorAsync(_trade.Take(5));
        _ledger.TradeExport.AddRange(_trade.Take(5));

        var run = await Cli.RunAsync("verify-export", "--ledger", _ledger.Url, "--export", $"{_ledger.Url}/api/trade/audit/events",
            "--client-id", FakeLedger.AuditorClientId, "--client-secret", FakeLedger.AuditorSecret, "--rpc", infrastructure.ChainRpcUrl.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("VERIFIED: 5 lines, 5 events proven", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_url_without_a_token_is_refused_with_exit_2_and_says_so()
    {
        await LogAndAnchorAsync(_trade.Take(2));

        var run = await Cli.RunAsync("verify-export", "--ledger", _ledger.Url, "--export", $"{_ledger.Url}/api/trade/audit/events");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("answered 401 (no token was sent", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_whose_anchor_is_not_on_chain_fails_before_the_export_is_read()
    {
        await LogAndAnchorAsync(_trade.Take(3));
        _ledger.Anchors[^1] = _ledger.Anchors[^1] with { RootHash = new string('a', 64) };

        var run = await VerifyFileAsync(_trade.Take(3).Select(e => e.ExportLine()));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL anchor on chain: anchor #0 on chain is root", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_rpc_the_export_is_checked_against_the_ledger_anchor_and_says_the_chain_was_not_read()
    {
        await LogAndAnchorAsync(_trade.Take(3));
        await File.WriteAllLinesAsync(_file, _trade.Take(3).Select(e => e.ExportLine()), Ct);

        var run = await Cli.RunAsync("verify-export", "--ledger", _ledger.Url, "--export", _file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("anchor on chain: NOT CHECKED (no --rpc)", run.Stdout, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _ledger.DisposeAsync();

    public void Dispose() => File.Delete(_file);

    private static IEnumerable<Guid> IdsOf(List<JsonElement> findings, string kind) =>
        findings.Where(f => f.GetProperty("kind").GetString() == kind).Select(f => f.GetProperty("eventId").GetGuid());

    /// <summary>Logs the events with a health-records event after each, and anchors the log on chain.</summary>
    private async Task LogAndAnchorAsync(IEnumerable<SampleEvent> events)
    {
        foreach (var (e, i) in events.Select((e, i) => (e, i)))
        {
            _ledger.Append(e);
            _ledger.Append(SampleEvent.Create("health-records", i + 1));
        }

        var tree = _ledger.Tree();
        _ledger.Anchors.Add(await _registry.AnchorAsync(_ledger.Anchors.Count, tree.RootHash(), tree.Size));
    }

    private async Task<CliRun> VerifyFileAsync(IEnumerable<string> lines, params string[] more)
    {
        await File.WriteAllLinesAsync(_file, lines, Ct);
        return await Cli.RunAsync(["verify-export", "--ledger", _ledger.Url, "--export", _file, "--rpc", infrastructure.ChainRpcUrl.ToString(), .. more]);
    }
}
