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
    public async Task Two_events_logged_out_of_sequence_order_are_reported_but_the_export_verifies()
    {
        // given a log where trade #4 and #5 arrived in the opposite order of their sequence, as a redelivery can make them
        await LogAndAnchorAsync(SwappedLogOrder.Select(i => _trade[i]));

        // when the department's export is complete and untouched
        var json = await VerifyFileAsync(_trade.Take(8).Select(e => e.ExportLine()), "--json");
        var text = await VerifyFileAsync(_trade.Take(8).Select(e => e.ExportLine()));

        // then the swap is named, yet nothing about it is tampering
        Assert.True(json.ExitCode == 0, json.ToString());
        var findings = json.Json().GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal([_trade[3].Id, _trade[4].Id], IdsOf(findings, "reordered"));
        Assert.Equal(2, findings.Count);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("VERIFIED: 8 lines, 8 events proven", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 reordered in the log, not a failure", text.Stdout, StringComparison.Ordinal);
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
            "--client-id", FakeLedger.AuditorClientId, "--client-secret", FakeLedger.AuditorSecret, "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", _registry.Pin);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("VERIFIED: 5 lines, 5 events proven", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_url_without_a_token_is_refused_with_exit_2_and_says_so()
    {
        await LogAndAnchorAsync(_trade.Take(2));

        var run = await Cli.RunAsync("verify-export", "--ledger", _ledger.Url, "--export", $"{_ledger.Url}/api/trade/audit/events",
            "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", _registry.Pin);

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
    public async Task Without_rpc_or_without_a_pin_an_export_cannot_be_verified_and_exits_2()
    {
        await LogAndAnchorAsync(_trade.Take(3));
        await File.WriteAllLinesAsync(_file, _trade.Take(3).Select(e => e.ExportLine()), Ct);

        var withoutRpc = await Cli.RunAsync("verify-export", "--ledger", _ledger.Url, "--export", _file, "--registry", _registry.Pin, "--json");
        var withoutPin = await Cli.RunAsync("verify-export", "--ledger", _ledger.Url, "--export", _file, "--rpc", infrastructure.ChainRpcUrl.ToString(), "--json");

        Assert.Equal((2, "Option '--rpc' is required."), (withoutRpc.ExitCode, withoutRpc.Json().GetProperty("error").GetString()));
        Assert.Equal(2, withoutPin.ExitCode);
        Assert.StartsWith("cannot verify without a pinned registry", withoutPin.Json().GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_anchored_in_a_look_alike_registry_fails_on_the_pinned_registry()
    {
        // given the ledger's checkpoint anchored in another deployment of the same code
        var lookAlike = await TestRegistry.DeployAsync(infrastructure);
        foreach (var e in _trade.Take(3))
        {
            _ledger.Append(e);
        }

        _ledger.Anchors.Add(await lookAlike.AnchorAsync(0, _ledger.Tree().RootHash(), 3));

        var run = await VerifyFileAsync(_trade.Take(3).Select(e => e.ExportLine()), "--json");

        Assert.Equal(1, run.ExitCode);
        var anchor = run.Json().GetProperty("anchor");
        Assert.Equal(("pinned registry", false), (anchor.GetProperty("name").GetString(), anchor.GetProperty("passed").GetBoolean()));
        Assert.Equal(0, run.Json().GetProperty("linesRead").GetInt64());
    }

    [Fact]
    public async Task An_export_before_any_anchor_fails_on_the_anchor_and_reads_nothing()
    {
        foreach (var e in _trade.Take(3))
        {
            _ledger.Append(e);
        }

        var run = await VerifyFileAsync(_trade.Take(3).Select(e => e.ExportLine()), "--json");

        Assert.Equal(1, run.ExitCode);
        var json = run.Json();
        Assert.Equal((AnchorName, false, "the ledger has no anchored checkpoint yet"),
            (json.GetProperty("anchor").GetProperty("name").GetString(), json.GetProperty("anchor").GetProperty("passed").GetBoolean(), json.GetProperty("anchor").GetProperty("detail").GetString()));
        Assert.Equal((0, 0), (json.GetProperty("linesRead").GetInt64(), json.GetProperty("findings").GetArrayLength()));
    }

    [Fact]
    public async Task A_repeated_export_line_is_reported_as_inserted_once()
    {
        await LogAndAnchorAsync(_trade.Take(3));

        var run = await VerifyFileAsync([_trade[0].ExportLine(), _trade[1].ExportLine(), _trade[1].ExportLine(), _trade[2].ExportLine()], "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("inserted", _trade[1].Id, "line 3 repeats an event already exported")], Findings(run));
        Assert.Equal(3, run.Json().GetProperty("eventsProven").GetInt64());
    }

    [Fact]
    public async Task Unreadable_export_lines_are_each_reported_by_line_and_the_rest_still_verified()
    {
        await LogAndAnchorAsync(_trade.Take(2));

        var run = await VerifyFileAsync([_trade[0].ExportLine(), "not json", """{"record": {"v": 1}, "data": {}}""", _trade[1].ExportLine()], "--json");

        Assert.Equal(1, run.ExitCode);
        var findings = Findings(run);
        Assert.Equal([("unreadable", (Guid?)null), ("unreadable", null)], findings.Select(f => (f.Kind, f.Id)));
        Assert.Equal(["line 2:", "line 3:"], findings.Select(f => f.Reason![..7]));
        Assert.Equal(2, run.Json().GetProperty("eventsProven").GetInt64());
    }

    [Fact]
    public async Task An_event_logged_after_the_anchor_below_anchored_later_ones_is_reported_as_inserted()
    {
        // given trade #1 and #3 logged and anchored, and #2 logged only afterwards (never relayed in order)
        _ledger.Append(_trade[0]);
        _ledger.Append(_trade[2]);
        _ledger.Anchors.Add(await _registry.AnchorAsync(0, _ledger.Tree().RootHash(), 2));
        _ledger.Append(_trade[1]);

        var run = await VerifyFileAsync(_trade.Take(3).Select(e => e.ExportLine()), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("inserted", _trade[1].Id, "not in the anchored log of size 2, though later events of trade are")], Findings(run));
        Assert.Empty(run.Json().GetProperty("pendingEventIds").EnumerateArray());
    }

    [Fact]
    public async Task A_ledger_refusing_every_request_could_not_check_rather_than_failed()
    {
        await LogAndAnchorAsync(_trade.Take(3));
        _ledger.Refusal = 503;

        var run = await VerifyFileAsync(_trade.Take(3).Select(e => e.ExportLine()), "--json", "--retries", "1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("503", run.Json().GetProperty("couldNotCheck").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deletion_hidden_from_every_listing_fails_the_complete_listing_check()
    {
        // given an anchored log of trade #1-#4, an export without #3, and a ledger that hides #3 from its listings
        await LogAndAnchorAsync(_trade.Take(4));
        _ledger.HiddenFromListings.Add(_trade[2].Id);

        // when
        var run = await VerifyFileAsync(_trade.Take(4).Where(e => e != _trade[2]).Select(e => e.ExportLine()), "--json");

        // then the service listing agrees with the export, but the whole listing does not rebuild the anchored root
        Assert.Equal(1, run.ExitCode);
        var listing = run.Json().GetProperty("listing");
        Assert.Equal(("complete listing", false), (listing.GetProperty("name").GetString(), listing.GetProperty("passed").GetBoolean()));
        Assert.StartsWith("the ledger's listing gives leaf 5 ", listing.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_goes_to_a_terminal_s_stderr_and_never_with_json()
    {
        await LogAndAnchorAsync(_trade.Take(3));
        await File.WriteAllLinesAsync(_file, _trade.Take(3).Select(e => e.ExportLine()), Ct);
        string[] args = ["verify-export", "--ledger", _ledger.Url, "--export", _file, "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", _registry.Pin];

        var (text, textErrors) = (new StringWriter(), new StringWriter());
        var (json, jsonErrors) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, await AuditCli.RunAsync(args, text, textErrors, errorIsTerminal: true, Ct));
        Assert.Equal(0, await AuditCli.RunAsync([.. args, "--json"], json, jsonErrors, errorIsTerminal: true, Ct));

        Assert.Contains("trade: ", textErrors.ToString(), StringComparison.Ordinal);
        Assert.Contains("lines read", textErrors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("lines read", text.ToString(), StringComparison.Ordinal);
        Assert.Empty(jsonErrors.ToString());
        Assert.StartsWith("{", json.ToString(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _ledger.DisposeAsync();

    public void Dispose() => File.Delete(_file);

    private const string AnchorName = "anchor on chain";

    private static List<(string? Kind, Guid? Id, string? Reason)> Findings(CliRun run) =>
        [.. run.Json().GetProperty("findings").EnumerateArray().Select(f => (
            f.GetProperty("kind").GetString(),
            f.GetProperty("eventId").ValueKind == JsonValueKind.Null ? (Guid?)null : f.GetProperty("eventId").GetGuid(),
            f.GetProperty("reason").GetString()))];

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
        return await Cli.RunAsync(["verify-export", "--ledger", _ledger.Url, "--export", _file, "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", _registry.Pin, .. more]);
    }
}
