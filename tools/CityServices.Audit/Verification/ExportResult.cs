using CityServices.Audit.Ledger;
using CityServices.Audit.Output;

namespace CityServices.Audit.Verification;

/// <summary>
/// An audit export compared with the log at one anchored checkpoint. Events newer than that
/// checkpoint are <see cref="PendingEventIds"/>: listed, not failed, and checked by a later run.
/// <see cref="Listing"/> is whether the ledger's listings were the whole anchored log (null when nothing was exported).
/// </summary>
public sealed record ExportResult(
    Anchor? Checkpoint, Check Anchor, Check? Listing, long LinesRead, long EventsProven, IReadOnlyList<Guid> PendingEventIds, IReadOnlyList<ExportFinding> Findings) : IAuditResult
{
    /// <summary>Every check passed and no finding is a failure (see <see cref="ExportFinding.IsFailure"/>).</summary>
    public bool Verified => Anchor.Passed && Listing is not { Passed: false } && !Findings.Any(f => f.IsFailure);

    public IEnumerable<Guid?> IdsOf(ExportFindingKind kind) => Findings.Where(f => f.Kind == kind).Select(f => f.EventId);

    public void WriteText(TextWriter output)
    {
        output.WriteLine(Anchor);
        if (Listing is not null)
        {
            output.WriteLine(Listing);
        }

        foreach (var finding in Findings)
        {
            output.WriteLine(finding);
        }

        var summary = $"{LinesRead} lines, {EventsProven} events proven in the log of size {Checkpoint?.TreeSize}, {PendingEventIds.Count} newer than that checkpoint";
        var outOfOrder = Findings.Count(f => !f.IsFailure);
        output.WriteLine(Verified
            ? $"VERIFIED: {summary}" + (outOfOrder > 0 ? $"; {outOfOrder} reordered in the log, not a failure (docs/audit.md)." : ".")
            : $"FAILED: {summary}; "
              + string.Join(", ", Enum.GetValues<ExportFindingKind>().Select(k => (k, n: Findings.Count(f => f.Kind == k))).Where(x => x.n > 0).Select(x => $"{x.n} {x.k.ToString().ToLowerInvariant()}"))
              + (Anchor.Passed ? "" : $"; {Anchor.Name} failed")
              + (Listing is { Passed: false } ? $"; {Listing.Name} failed" : "")
              + ".");
    }
}
