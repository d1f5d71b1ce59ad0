using CityServices.Audit.Chain;
using CityServices.Audit.Export;
using CityServices.Audit.Ledger;
using CityServices.Audit.Output;
using CityServices.Hashing;
using CityServices.Hashing.Merkle;
using static CityServices.Audit.Verification.ExportFindingKind;

namespace CityServices.Audit.Verification;

/// <summary>
/// One service's export against its leaves in the anchored tree, as two streams merged by sequence:
/// the export in sequence order, the service's anchored leaves in log order (<see cref="AnchoredLogWalk"/>).
/// Whichever is behind is read next, and an event is matched with its leaf by event id. What one side
/// holds and the other does not is settled once the other side has read <see cref="Window"/> sequence
/// numbers past it (or ended): memory holds only that window, never the export or the log.
/// </summary>
/// <remarks>
/// An export is one service's (docs/event-pipeline.md): the service is the first readable line's.
/// Findings are exact while the export and the log disagree within the window; an event moved
/// further than that is reported as both deleted and inserted, still a failure.
/// </remarks>
internal sealed class ExportComparison(LedgerClient ledger, ChainAnchor anchor, Progress progress, CancellationToken cancellationToken)
{
    /// <summary>How far, in sequence numbers, the two sides may disagree before an unmatched event is settled.</summary>
    public const long Window = 10_000;

    private readonly Dictionary<Guid, ExportedEvent> _exportOnly = [];
    private readonly Queue<ExportedEvent> _exportOnlyInOrder = new();
    private readonly Dictionary<Guid, LeafProof> _logOnly = [];
    private readonly Queue<LeafProof> _logOnlyInOrder = new();
    private readonly Dictionary<Guid, long> _recentlyMatched = [];
    private readonly Queue<(Guid EventId, long Sequence)> _recentlyMatchedInOrder = new();
    private string? _service;
    private long _exportSequence;
    private long _logSequence;
    private LeafProof? _latestInLog;
    private bool _latestReportedReordered;
    private HashSet<Guid>? _loggedAfterAnchor;

    public long LinesRead { get; private set; }

    public long Proven { get; private set; }

    public List<Guid> Pending { get; } = [];

    public List<ExportFinding> Findings { get; } = [];

    /// <summary>The whole log's verdict on the listings (<see cref="AnchoredLogWalk.Listing"/>); null when nothing was exported.</summary>
    public Check? Listing { get; private set; }

    public async Task RunAsync(IAsyncEnumerable<ExportLine> lines)
    {
        await using var export = lines.GetAsyncEnumerator(cancellationToken);
        AnchoredLogWalk? log = null;
        var (exportEnded, logEnded) = (false, false);
        try
        {
            while (!exportEnded || !logEnded)
            {
                if (!exportEnded && (logEnded || log is null || _exportSequence <= _logSequence))
                {
                    exportEnded = !await export.MoveNextAsync();
                    if (!exportEnded)
                    {
                        Read(export.Current);
                    }

                    log ??= _service is null ? null : new AnchoredLogWalk(ledger, anchor, _service, cancellationToken);
                    logEnded |= exportEnded && log is null;
                }
                else if (await log!.NextAsync() is { } leaf)
                {
                    Read(leaf);
                }
                else
                {
                    logEnded = true;
                    Listing = log.Listing;
                }

                await SettleAsync(exportEnded, logEnded);
                progress.Show(() => $"{_service ?? "export"}: {LinesRead:N0} lines read, {Proven:N0} events proven; log: {log?.LeavesRead ?? 0:N0} of {anchor.TreeSize:N0} leaves");
            }
        }
        finally
        {
            if (log is not null)
            {
                await log.DisposeAsync();
            }
        }
    }

    private void Read(ExportLine line)
    {
        LinesRead++;
        var (e, problem) = ExportedEvent.Read(line);
        if (e is null)
        {
            Findings.Add(new ExportFinding(Unreadable, null, null, problem!));
            return;
        }

        _service ??= e.Service;
        if (e.Service != _service)
        {
            Findings.Add(new ExportFinding(Inserted, e.EventId, e.Sequence, $"line {e.Line} is an event of {e.Service} in an export of {_service}"));
            return;
        }

        if (_exportOnly.ContainsKey(e.EventId) || _recentlyMatched.ContainsKey(e.EventId))
        {
            Findings.Add(new ExportFinding(Inserted, e.EventId, e.Sequence, $"line {e.Line} repeats an event already exported"));
            return;
        }

        _exportSequence = Math.Max(_exportSequence, e.Sequence);
        if (_logOnly.Remove(e.EventId, out var leaf))
        {
            Match(e, leaf);
        }
        else
        {
            _exportOnly.Add(e.EventId, e);
            _exportOnlyInOrder.Enqueue(e);
        }
    }

    private void Read(LeafProof leaf)
    {
        // The relay sends a service's events in sequence order, so its leaves follow that order in the log.
        if (_latestInLog is { } latest && leaf.Sequence < latest.Sequence)
        {
            Findings.Add(new ExportFinding(Reordered, leaf.EventId, leaf.Sequence,
                $"leaf {leaf.LeafIndex} of the log comes after leaf {latest.LeafIndex} ({_service} #{latest.Sequence}), a later event of {_service}"));
            if (!_latestReportedReordered)
            {
                Findings.Add(new ExportFinding(Reordered, latest.EventId, latest.Sequence,
                    $"leaf {latest.LeafIndex} of the log comes before leaf {leaf.LeafIndex} ({_service} #{leaf.Sequence}), an earlier event of {_service}"));
                _latestReportedReordered = true;
            }
        }
        else
        {
            (_latestInLog, _latestReportedReordered) = (leaf, false);
        }

        _logSequence = Math.Max(_logSequence, leaf.Sequence);
        if (_exportOnly.Remove(leaf.EventId, out var e))
        {
            Match(e, leaf);
        }
        else
        {
            _logOnly.Add(leaf.EventId, leaf);
            _logOnlyInOrder.Enqueue(leaf);
        }
    }

    private void Match(ExportedEvent e, LeafProof leaf)
    {
        _recentlyMatched[e.EventId] = e.Sequence;
        _recentlyMatchedInOrder.Enqueue((e.EventId, e.Sequence));
        if (e.DataProblem is not null)
        {
            Findings.Add(new ExportFinding(Altered, e.EventId, e.Sequence, $"line {e.Line}: {e.DataProblem}"));
        }
        else if (!HashText.Same(e.LeafHash, leaf.LeafHash))
        {
            Findings.Add(new ExportFinding(Altered, e.EventId, e.Sequence,
                $"line {e.Line}: the record hashes to leaf {e.LeafHash}, but the log holds {leaf.LeafHash} at leaf {leaf.LeafIndex}"));
        }
        else if (Inclusion(leaf) is { } failure)
        {
            Findings.Add(new ExportFinding(Unproven, e.EventId, e.Sequence, failure));
        }
        else
        {
            Proven++;
        }
    }

    /// <summary>The audit path against the root and size read from the chain; null when it verifies.</summary>
    private string? Inclusion(LeafProof leaf)
    {
        var result = MerkleVerifier.VerifyInclusion(
            leaf.LeafIndex, anchor.TreeSize, Hex.DecodeHash(leaf.LeafHash), HashText.TryDecodeAll(leaf.AuditPath), Hex.DecodeHash(anchor.RootHash));
        return result.IsValid ? null : $"leaf {leaf.LeafIndex} of {anchor.TreeSize}: {result.Failure}: {result.Reason}";
    }

    private async Task SettleAsync(bool exportEnded, bool logEnded)
    {
        while (_logOnlyInOrder.TryPeek(out var leaf) && (!_logOnly.ContainsKey(leaf.EventId) || exportEnded || leaf.Sequence + Window < _exportSequence))
        {
            _logOnlyInOrder.Dequeue();
            if (_logOnly.Remove(leaf.EventId))
            {
                Findings.Add(new ExportFinding(Deleted, leaf.EventId, leaf.Sequence, $"leaf {leaf.LeafIndex} of the log ({_service} #{leaf.Sequence}) is not in the export"));
            }
        }

        while (_exportOnlyInOrder.TryPeek(out var e) && (!_exportOnly.ContainsKey(e.EventId) || logEnded || e.Sequence + Window < _logSequence))
        {
            _exportOnlyInOrder.Dequeue();
            if (_exportOnly.Remove(e.EventId))
            {
                await NotInAnchoredLogAsync(e);
            }
        }

        while (_recentlyMatchedInOrder.TryPeek(out var matched) && matched.Sequence + Window < _exportSequence)
        {
            _recentlyMatchedInOrder.Dequeue();
            _recentlyMatched.Remove(matched.EventId);
        }
    }

    /// <summary>An exported event the anchored log lacks: inserted, unless it is newer than everything anchored and the ledger holds it.</summary>
    private async Task NotInAnchoredLogAsync(ExportedEvent e)
    {
        if (e.Sequence < _logSequence)
        {
            // The relay sends events in sequence order: one missing below anchored later ones was never sent.
            Findings.Add(new ExportFinding(Inserted, e.EventId, e.Sequence, $"not in the anchored log of size {anchor.TreeSize}, though later events of {e.Service} are"));
            return;
        }

        if ((await LoggedAfterAnchorAsync()).Contains(e.EventId))
        {
            Pending.Add(e.EventId);
            return;
        }

        Findings.Add(new ExportFinding(Inserted, e.EventId, e.Sequence, $"line {e.Line}: the ledger has no such event"));
    }

    /// <summary>The service's leaves the log holds beyond the anchored tree: read once, as few as one checkpoint interval brings.</summary>
    private async Task<HashSet<Guid>> LoggedAfterAnchorAsync()
    {
        if (_loggedAfterAnchor is null)
        {
            _loggedAfterAnchor = [];
            await foreach (var leaf in ledger.ServiceLeavesAsync(_service!, anchor.TreeSize - 1, cancellationToken))
            {
                _loggedAfterAnchor.Add(leaf.EventId);
            }
        }

        return _loggedAfterAnchor;
    }
}
