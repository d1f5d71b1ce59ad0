using CityServices.EventPipeline.Receipts;
using CityServices.EventPipeline.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.AuditTrail.Tests;

public sealed class AnchoredEventTests(CityInfrastructure infrastructure) : AuditTrailTests(infrastructure, "anchored")
{
    [Fact]
    public async Task An_exported_event_verifies_against_the_chain_with_the_ledgers_proof()
    {
        // given a department's events, relayed to the ledger and anchored
        await Platform.StoreAndAnchorAsync(3, Ct);

        // when an auditor checks one line of the department's export
        var line = (await Platform.Service.GetAsAuditorAsync("/api/permits/audit/events?limit=1", Ct)).Content;
        var file = AuditedPlatform.TempFile(await line.ReadAsStringAsync(Ct));
        var run = await AuditedPlatform.AuditAsync("verify-event", "--rpc", Platform.Infrastructure.ChainRpcUrl.ToString(), "--registry", await Platform.RegistryPinAsync(),
            "--event", file, "--ledger", Platform.Ledger.BaseAddress!.ToString());

        // then city-audit verifies it: data hash, leaf hash, inclusion, and the root on chain
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Json.GetProperty("verified").GetBoolean(), run.ToString());
    }

    [Fact]
    public async Task A_receipt_verifies_with_the_chain_alone()
    {
        // given an anchored event and the receipt its service builds for it
        await Platform.StoreAndAnchorAsync(2, Ct);
        var exported = (await Platform.Service.ExportAsync(ct: Ct))[1];
        var stored = (await Platform.Service.Services.GetRequiredService<StoredEventReader>().ReadAsync([exported.Record.Sequence], Ct))[exported.Record.Sequence];
        var proof = await new LedgerProofClient(Platform.Ledger).InclusionProofAsync(stored.EventId, Ct);
        var receipt = Receipt.Create(stored, "permits", proof!.Value);

        // when the holder verifies it, with no ledger to ask
        var run = await AuditedPlatform.AuditAsync("verify-event", "--rpc", Platform.Infrastructure.ChainRpcUrl.ToString(), "--registry", await Platform.RegistryPinAsync(),
            "--event", AuditedPlatform.TempFile(receipt.ToJsonString()));

        // then it verifies
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task An_honest_history_of_anchors_passes_the_monitor()
    {
        // given two waves of events, so the registry holds several anchors
        await Platform.StoreAndAnchorAsync(3, Ct);
        await Platform.StoreAndAnchorAsync(3, Ct);
        Assert.True((await Platform.AnchorsAsync()).Count >= 2);

        // when an auditor watches the registry
        var run = await AuditedPlatform.AuditAsync("monitor", "--rpc", Platform.Infrastructure.ChainRpcUrl.ToString(), "--registry", await Platform.RegistryPinAsync(),
            "--ledger", Platform.Ledger.BaseAddress!.ToString());

        // then every consecutive pair is proven consistent
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(JsonValueKind.Null, run.Json.GetProperty("firstBreak").ValueKind);
    }
}
