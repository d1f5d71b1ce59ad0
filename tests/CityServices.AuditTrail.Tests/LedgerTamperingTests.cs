using CityServices.Hashing.Merkle;

namespace CityServices.AuditTrail.Tests;

public sealed class LedgerTamperingTests(CityInfrastructure infrastructure) : AuditTrailTests(infrastructure, "ledger_tamper")
{
    [Fact]
    public async Task A_rewritten_leaf_in_the_ledger_fails_verify_event_and_verify_export_for_that_event()
    {
        // given anchored events, one of which an auditor will check
        await Platform.StoreAndAnchorAsync(4, Ct);
        var line = (await Platform.Service.ExportAsync(ct: Ct))[2];

        // when an insider rewrites that event's leaf hash in the ledger's own table
        Assert.Equal(1, await Tampering.ExecuteAsync(Platform.LedgerPostgres,
            "update ledger.leaves set leaf_hash = $1 where event_id = $2", Tampering.ForgedHash(), line.Record.EventId));

        // then the proof the ledger now serves for it no longer holds, and city-audit says so
        var run = await AuditedPlatform.AuditAsync("verify-event", "--rpc", Platform.Infrastructure.ChainRpcUrl.ToString(), "--registry", await Platform.RegistryPinAsync(),
            "--event", AuditedPlatform.TempFile(line.Raw), "--ledger", Platform.Ledger.BaseAddress!.ToString());
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.False(run.Json.GetProperty("verified").GetBoolean());

        // and comparing the department's whole export with the ledger names that event as altered;
        // events whose audit paths run through the forged leaf can no longer be proven either
        var export = string.Join('\n', (await Platform.Service.ExportAsync(ct: Ct)).Select(l => l.Raw));
        var exportRun = await AuditedPlatform.AuditAsync("verify-export", "--ledger", Platform.Ledger.BaseAddress!.ToString(),
            "--export", AuditedPlatform.TempFile(export), "--rpc", Platform.Infrastructure.ChainRpcUrl.ToString(), "--registry", await Platform.RegistryPinAsync());
        Assert.True(exportRun.ExitCode == 1, exportRun.ToString());
        var findings = exportRun.Json.GetProperty("findings").EnumerateArray()
            .Select(f => (Kind: f.GetProperty("kind").GetString(), Id: f.GetProperty("eventId").GetGuid()))
            .ToList();
        Assert.Contains(("altered", line.Record.EventId), findings);
        Assert.All(findings, f => Assert.Equal(f.Id == line.Record.EventId ? "altered" : "unproven", f.Kind));
    }

    [Fact]
    public async Task A_rewritten_interior_node_in_the_ledger_is_reported_by_the_monitor_at_the_anchors_it_breaks()
    {
        // given two waves of anchored events: at least two anchors on chain
        await Platform.StoreAndAnchorAsync(4, Ct);
        await Platform.StoreAndAnchorAsync(4, Ct);
        var anchors = await Platform.AnchorsAsync();
        Assert.True(anchors.Count >= 2);

        // when an insider rewrites an interior node that a consistency proof between two
        // consecutive anchors is made of
        var (first, second, node) = ConsecutivePairs(anchors)
            .Select(p => (p.First, p.Second, Node: MerklePlanner.Consistency(p.First, p.Second).Nodes.FirstOrDefault(n => n.Level >= 1)))
            .First(p => p.Node != default);
        Assert.Equal(1, await Tampering.ExecuteAsync(Platform.LedgerPostgres,
            "update ledger.nodes set hash = $1 where level = $2 and index = $3", Tampering.ForgedHash(), node.Level, node.Index));

        // then the monitor, which trusts only the roots on chain, reports the break at that pair
        var run = await AuditedPlatform.AuditAsync("monitor", "--rpc", Platform.Infrastructure.ChainRpcUrl.ToString(), "--registry", await Platform.RegistryPinAsync(),
            "--ledger", Platform.Ledger.BaseAddress!.ToString());
        Assert.True(run.ExitCode == 1, run.ToString());
        var broken = run.Json.GetProperty("firstBreak");
        Assert.Equal(first, broken.GetProperty("firstSize").GetInt64());
        Assert.Equal(second, broken.GetProperty("secondSize").GetInt64());
    }

    private static IEnumerable<(long First, long Second)> ConsecutivePairs(IReadOnlyList<JsonElement> anchors) =>
        anchors.Zip(anchors.Skip(1), (a, b) => (a.GetProperty("treeSize").GetInt64(), b.GetProperty("treeSize").GetInt64()));
}
