using CityServices.EventPipeline.Receipts;
using CityServices.EventPipeline.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.AuditTrail.Tests;

public sealed class AnchoredEventTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private AuditedPlatform _trail = null!;

    public async ValueTask InitializeAsync() => _trail = await AuditedPlatform.StartAsync(infrastructure, "anchored");

    public ValueTask DisposeAsync() => _trail.DisposeAsync();

    [Fact]
    public async Task An_exported_event_verifies_against_the_chain_with_the_ledgers_proof()
    {
        // given a department's events, relayed to the ledger and anchored
        await _trail.StoreAndAnchorAsync(3, Ct);

        // when an auditor checks one line of the department's export
        var line = (await _trail.Service.GetAsAuditorAsync("/api/permits/audit/events?limit=1", Ct)).Content;
        var file = AuditedPlatform.TempFile(await line.ReadAsStringAsync(Ct));
        var run = await AuditedPlatform.AuditAsync("verify-event", "--rpc", infrastructure.ChainRpcUrl.ToString(),
            "--event", file, "--ledger", _trail.Ledger.BaseAddress!.ToString());

        // then city-audit verifies it: data hash, leaf hash, inclusion, and the root on chain
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Json.GetProperty("verified").GetBoolean(), run.ToString());
    }

    [Fact]
    public async Task A_receipt_verifies_with_the_chain_alone()
    {
        // given an anchored event and the receipt its service builds for it
        await _trail.StoreAndAnchorAsync(2, Ct);
        var exported = (await _trail.Service.ExportAsync(ct: Ct))[1];
        var stored = (await _trail.Service.Services.GetRequiredService<StoredEventReader>().ReadAsync([exported.Record.Sequence], Ct))[exported.Record.Sequence];
        var proof = await new LedgerProofClient(_trail.Ledger).InclusionProofAsync(stored.EventId, Ct);
        var receipt = Receipt.Create(stored, "permits", proof!.Value);

        // when the holder verifies it, with no ledger to ask
        var run = await AuditedPlatform.AuditAsync("verify-event", "--rpc", infrastructure.ChainRpcUrl.ToString(),
            "--event", AuditedPlatform.TempFile(receipt.ToJsonString()));

        // then it verifies
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task An_honest_history_of_anchors_passes_the_monitor()
    {
        // given two waves of events, so the registry holds several anchors
        await _trail.StoreAndAnchorAsync(3, Ct);
        await _trail.StoreAndAnchorAsync(3, Ct);
        Assert.True((await _trail.AnchorsAsync()).Count >= 2);

        // when an auditor watches the registry
        var run = await AuditedPlatform.AuditAsync("monitor", "--rpc", infrastructure.ChainRpcUrl.ToString(),
            "--contract", await _trail.ContractAsync(), "--ledger", _trail.Ledger.BaseAddress!.ToString());

        // then every consecutive pair is proven consistent
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(JsonValueKind.Null, run.Json.GetProperty("firstBreak").ValueKind);
    }
}
