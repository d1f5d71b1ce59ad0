using CityServices.Contracts.Ledger;

namespace CityServices.Audit.Tests;

/// <summary>
/// Issue 13 item 1's acceptance at test size: against the REAL ledger with its shipped rate limit
/// (50 requests a second per client, never raised here), verify-export checks a few thousand events
/// and monitor a few hundred anchors, and both verify. The full size (100,000 events, 1,000
/// anchors) is a benchmark: ./city bench audit.
/// </summary>
public sealed class AuditAtCityScaleTests(CityInfrastructure infrastructure) : IAsyncLifetime, IDisposable
{
    private readonly string _file = Path.GetTempFileName();
    private AnchoredLedger _ledger = null!;

    public async ValueTask InitializeAsync() =>
        _ledger = await AnchoredLedger.StartAsync(infrastructure, "audit_scale");

    public async ValueTask DisposeAsync() => await _ledger.DisposeAsync();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task An_export_of_three_thousand_events_verifies_under_the_default_rate_limit()
    {
        // given 3,000 trade events logged in sequence order with a health-records event after every tenth, all anchored
        var trade = Enumerable.Range(1, 3000).Select(i => SampleEvent.Create("trade", i)).ToList();
        var health = RecordedEvents.Random(300, "health-records");
        await _ledger.LogInOrderAsync([.. trade.SelectMany((e, i) => i % 10 == 9
            ? new[] { Recorded(e), health[i / 10] }
            : [Recorded(e)])]);
        await _ledger.AnchorAsync([3300]);
        await File.WriteAllLinesAsync(_file, trade.Select(e => e.ExportLine()), Ct);

        // when the whole export is verified
        var run = await Cli.RunAsync("verify-export", "--ledger", _ledger.Url, "--export", _file,
            "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", _ledger.Registry.Pin, "--json");

        // then every event is proven, the whole listing rebuilt the anchored root, and nothing else was printed
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal((3000, 3000), (json.GetProperty("linesRead").GetInt64(), json.GetProperty("eventsProven").GetInt64()));
        Assert.Equal(("complete listing", true), (json.GetProperty("listing").GetProperty("name").GetString(), json.GetProperty("listing").GetProperty("passed").GetBoolean()));
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task A_history_of_three_hundred_anchors_passes_the_monitor_under_the_default_rate_limit()
    {
        // given 300 anchors of one growing log: 299 consistency proofs, six times the ledger's limit of a second
        await _ledger.LogInOrderAsync(RecordedEvents.Random(600, "permits"));
        await _ledger.AnchorAsync(Enumerable.Range(1, 300).Select(i => 2L * i));

        // when the monitor walks them
        var run = await Cli.RunAsync("monitor", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", _ledger.Registry.Pin, "--ledger", _ledger.Url, "--json");

        // then it waited out the refusals and proved every pair
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal((300, 299), (json.GetProperty("anchorCount").GetInt64(), json.GetProperty("pairsVerified").GetInt64()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("couldNotCheck").ValueKind);
    }

    private static EventRecorded Recorded(SampleEvent e) => new(e.Id, e.Record.Service, e.Record.Sequence, Hex.Encode(e.LeafHash));
}
