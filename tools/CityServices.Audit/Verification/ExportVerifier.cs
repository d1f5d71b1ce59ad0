using CityServices.Audit.Chain;
using CityServices.Audit.Export;
using CityServices.Audit.Ledger;
using CityServices.Audit.Output;

namespace CityServices.Audit.Verification;

/// <summary>
/// Compares a service's audit export with the anchored log, both ways: every exported event must
/// be a proven leaf of the latest anchored tree with the leaf hash recomputed from the export,
/// and every leaf the log holds for the service must be exported, in the same order.
/// </summary>
/// <remarks>
/// The checkpoint is fixed before the export is read, so an export read afterwards holds every
/// event the checkpoint covers; events it holds beyond the checkpoint are reported as pending.
/// The export and the log are both streamed (<see cref="ExportComparison"/>).
/// </remarks>
public sealed class ExportVerifier(LedgerClient ledger, PinnedRegistry registry, Progress progress)
{
    public async Task<ExportResult> VerifyAsync(IAsyncEnumerable<ExportLine> lines, CancellationToken cancellationToken)
    {
        var checkpoint = await ledger.LatestAnchorAsync(cancellationToken);
        if (checkpoint is null)
        {
            return new ExportResult(null, Check.Fail(AnchorCheck.Name, "the ledger has no anchored checkpoint yet"), null, 0, 0, [], []);
        }

        var (anchorCheck, onChain) = await AnchorCheck.RunAsync(registry, checkpoint);
        if (!anchorCheck.Passed || onChain is null)
        {
            return new ExportResult(checkpoint, anchorCheck, null, 0, 0, [], []);
        }

        var comparison = new ExportComparison(ledger, onChain, progress, cancellationToken);
        await comparison.RunAsync(lines);
        return new ExportResult(checkpoint, anchorCheck, comparison.Listing, comparison.LinesRead, comparison.Proven, comparison.Pending, comparison.Findings);
    }
}
