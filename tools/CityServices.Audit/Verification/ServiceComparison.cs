using CityServices.Audit.Chain;
using CityServices.Audit.Ledger;
using static CityServices.Audit.Verification.ExportFindingKind;

namespace CityServices.Audit.Verification;

/// <summary>One service's exported events against its leaves in the anchored tree of size <c>anchor.TreeSize</c>.</summary>
internal sealed class ServiceComparison(LedgerClient ledger, ChainAnchor anchor, TextWriter progress, CancellationToken cancellationToken)
{
    public long Proven { get; private set; }

    public List<Guid> Pending { get; } = [];

    public async Task CompareAsync(string service, IReadOnlyList<ExportedEvent> exported, List<ExportFinding> findings)
    {
        var logged = new Dictionary<Guid, ServiceLeaf>();
        await foreach (var leaf in ledger.ServiceLeavesAsync(service, cancellationToken))
        {
            if (leaf.LeafIndex < anchor.TreeSize)
            {
                logged[leaf.EventId] = leaf;
            }
        }

        var lastLoggedSequence = logged.Count == 0 ? 0 : logged.Values.Max(leaf => leaf.Sequence);
        var inBoth = new List<(ExportedEvent Event, long LeafIndex)>();
        var seen = new HashSet<Guid>();
        foreach (var e in exported)
        {
            if (!seen.Add(e.EventId))
            {
                findings.Add(new ExportFinding(Inserted, e.EventId, e.Sequence, $"line {e.Line} repeats an event already exported"));
                continue;
            }

            var leaf = logged.GetValueOrDefault(e.EventId) ?? await LeafFromProofAsync(e, lastLoggedSequence, findings);
            if (leaf is not null)
            {
                inBoth.Add((e, leaf.LeafIndex));
                await CompareWithLeafAsync(e, leaf, findings);
            }

            if (seen.Count % 1000 == 0)
            {
                await progress.WriteLineAsync($"{service}: checked {seen.Count} of {exported.Count} exported events");
            }
        }

        findings.AddRange(logged.Values.Where(leaf => !seen.Contains(leaf.EventId)).OrderBy(leaf => leaf.LeafIndex).Select(leaf =>
            new ExportFinding(Deleted, leaf.EventId, leaf.Sequence, $"leaf {leaf.LeafIndex} of the log ({service} #{leaf.Sequence}) is not in the export")));
        findings.AddRange(OutOfOrder(inBoth));
    }

    /// <summary>An exported event the ledger did not list: it is either not in the log, or not anchored yet.</summary>
    private async Task<ServiceLeaf?> LeafFromProofAsync(ExportedEvent e, long lastLoggedSequence, List<ExportFinding> findings)
    {
        var answer = await ledger.ProofAsync(e.EventId, anchor.TreeSize, cancellationToken);
        switch (answer.Kind)
        {
            case ProofAnswerKind.Found when answer.Proof!.LeafIndex < anchor.TreeSize:
                return new ServiceLeaf(e.EventId, answer.Proof.Sequence, answer.Proof.LeafIndex, answer.Proof.LeafHash);
            case ProofAnswerKind.NotYetAnchored or ProofAnswerKind.Found when e.Sequence > lastLoggedSequence:
                Pending.Add(e.EventId);
                return null;
            case ProofAnswerKind.NotYetAnchored or ProofAnswerKind.Found:
                // The relay sends events in sequence order: one missing below anchored later ones was never sent.
                findings.Add(new ExportFinding(Inserted, e.EventId, e.Sequence, $"not in the anchored log of size {anchor.TreeSize}, though later events of {e.Service} are"));
                return null;
            default:
                findings.Add(new ExportFinding(Inserted, e.EventId, e.Sequence, $"line {e.Line}: {answer.Detail}"));
                return null;
        }
    }

    private async Task CompareWithLeafAsync(ExportedEvent e, ServiceLeaf leaf, List<ExportFinding> findings)
    {
        if (e.DataProblem is not null)
        {
            findings.Add(new ExportFinding(Altered, e.EventId, e.Sequence, $"line {e.Line}: {e.DataProblem}"));
            return;
        }

        if (!HashText.Same(e.LeafHash, leaf.LeafHash))
        {
            findings.Add(new ExportFinding(Altered, e.EventId, e.Sequence, $"line {e.Line}: the record hashes to leaf {e.LeafHash}, but the log holds {leaf.LeafHash} at leaf {leaf.LeafIndex}"));
            return;
        }

        var answer = await ledger.ProofAsync(e.EventId, anchor.TreeSize, cancellationToken);
        var problem = answer.Proof switch
        {
            null => answer.Detail,
            { } p when p.LeafIndex != leaf.LeafIndex || !HashText.Same(p.LeafHash, e.LeafHash) => $"the proof is for leaf {p.LeafIndex} ({p.LeafHash}), not leaf {leaf.LeafIndex} ({e.LeafHash})",
            { } p => EventVerifier.Inclusion(p, e.LeafHash, anchor) is { Passed: false } failed ? failed.Detail : null,
        };
        if (problem is null)
        {
            Proven++;
        }
        else
        {
            findings.Add(new ExportFinding(Unproven, e.EventId, e.Sequence, problem));
        }
    }

    /// <summary>Events whose rank by sequence differs from their rank in the log: both of two swapped events are named.</summary>
    private static IEnumerable<ExportFinding> OutOfOrder(List<(ExportedEvent Event, long LeafIndex)> inBoth)
    {
        var bySequence = inBoth.OrderBy(x => x.Event.Sequence).ToList();
        var logRank = inBoth.OrderBy(x => x.LeafIndex).Select((x, rank) => (x.Event.EventId, rank)).ToDictionary(x => x.EventId, x => x.rank);
        return bySequence
            .Select((x, rank) => (x, rank, logRank: logRank[x.Event.EventId]))
            .Where(r => r.rank != r.logRank)
            .Select(r => new ExportFinding(Reordered, r.x.Event.EventId, r.x.Event.Sequence,
                $"it is event {r.rank + 1} of its service by sequence, but {r.logRank + 1} in the log (leaf {r.x.LeafIndex})"));
    }
}
