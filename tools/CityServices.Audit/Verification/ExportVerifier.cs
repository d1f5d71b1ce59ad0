using CityServices.Audit.Chain;
using CityServices.Audit.Export;
using CityServices.Audit.Ledger;
using static CityServices.Audit.Verification.ExportFindingKind;

namespace CityServices.Audit.Verification;

/// <summary>
/// Compares a service's audit export with the anchored log, both ways: every exported event must
/// be a proven leaf of the latest anchored tree with the leaf hash recomputed from the export,
/// and every leaf the log holds for the service must be exported, in the same order.
/// </summary>
/// <remarks>
/// The checkpoint is fixed before the export is read, so an export read afterwards holds every
/// event the checkpoint covers; events it holds beyond the checkpoint are reported as pending.
/// </remarks>
public sealed class ExportVerifier(LedgerClient ledger, PinnedRegistry registry, TextWriter progress)
{
    public async Task<ExportResult> VerifyAsync(IAsyncEnumerable<ExportLine> lines, CancellationToken cancellationToken)
    {
        var checkpoint = await ledger.LatestAnchorAsync(cancellationToken);
        if (checkpoint is null)
        {
            return new ExportResult(null, Check.Fail(AnchorCheck.Name, "the ledger has no anchored checkpoint yet"), 0, 0, [], []);
        }

        var (anchorCheck, onChain) = await AnchorCheck.RunAsync(registry, checkpoint);
        if (!anchorCheck.Passed || onChain is null)
        {
            return new ExportResult(checkpoint, anchorCheck, 0, 0, [], []);
        }

        var findings = new List<ExportFinding>();
        var exported = new List<ExportedEvent>();
        long linesRead = 0;
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            linesRead++;
            var (exportedEvent, problem) = ExportedEvent.Read(line);
            if (exportedEvent is null)
            {
                findings.Add(new ExportFinding(Unreadable, null, null, problem!));
            }
            else
            {
                exported.Add(exportedEvent);
            }
        }

        var comparison = new ServiceComparison(ledger, onChain, progress, cancellationToken);
        foreach (var service in exported.GroupBy(e => e.Service))
        {
            await comparison.CompareAsync(service.Key, [.. service], findings);
        }

        return new ExportResult(checkpoint, anchorCheck, linesRead, comparison.Proven, comparison.Pending, findings);
    }
}
