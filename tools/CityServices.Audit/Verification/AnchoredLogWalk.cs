using CityServices.Audit.Chain;
using CityServices.Audit.Ledger;
using CityServices.Hashing;
using CityServices.Hashing.Merkle;

namespace CityServices.Audit.Verification;

/// <summary>
/// Walks the anchored tree of <c>anchor.TreeSize</c> leaves once, in log order, with two of the
/// ledger's listings side by side: the whole log's leaves, whose hashes rebuild the tree's root
/// (so the listing is the anchored log, every leaf of it, and so is complete for every service), and
/// the batch inclusion proofs of one service's leaves, which must be exactly the whole listing's
/// leaves of that service. It yields that service's leaves with their audit paths, a page at a time
/// behind the scenes: memory stays constant in the log's length.
/// </summary>
internal sealed class AnchoredLogWalk : IAsyncDisposable
{
    public const string CheckName = "complete listing";

    private readonly ChainAnchor _anchor;
    private readonly string _service;
    private readonly IAsyncEnumerator<LogLeaf> _all;
    private readonly IAsyncEnumerator<LeafProof> _proofs;
    private MerkleFrontier _frontier = MerkleFrontier.Empty;
    private string? _disagreement;

    public AnchoredLogWalk(LedgerClient ledger, ChainAnchor anchor, string service, CancellationToken cancellationToken)
    {
        (_anchor, _service) = (anchor, service);
        _all = ledger.LeavesAsync(anchor.TreeSize, cancellationToken).GetAsyncEnumerator(cancellationToken);
        _proofs = ledger.BatchProofsAsync(anchor.TreeSize, service, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>How many leaves of the whole log were read so far.</summary>
    public long LeavesRead => _frontier.Size;

    /// <summary>Whether the listings were the whole anchored log and agreed; set once the walk ended.</summary>
    public Check? Listing { get; private set; }

    /// <summary>The next leaf of the service below the tree size, with its proof; null at the end of the anchored log.</summary>
    public async Task<LeafProof?> NextAsync()
    {
        while (Listing is null && await _all.MoveNextAsync())
        {
            var leaf = _all.Current;
            if (leaf.LeafIndex != _frontier.Size || HashText.TryDecode(leaf.LeafHash) is not { } hash)
            {
                Listing = Check.Fail(CheckName, $"the ledger's listing gives leaf {leaf.LeafIndex} ({leaf.LeafHash}) where leaf {_frontier.Size} was due: it is not a log");
                break;
            }

            _frontier = _frontier.Append(hash).Frontier;
            if (leaf.Service != _service)
            {
                continue;
            }

            if (!await _proofs.MoveNextAsync())
            {
                Disagree($"the batch proofs of {_service} end before leaf {leaf.LeafIndex}, which the whole listing gives to {_service}");
                return new LeafProof(leaf.LeafIndex, leaf.LeafHash, leaf.EventId, leaf.Service, leaf.Sequence, []);
            }

            var proof = _proofs.Current;
            if (proof.LeafIndex != leaf.LeafIndex || !HashText.Same(proof.LeafHash, leaf.LeafHash) || proof.EventId != leaf.EventId || proof.Sequence != leaf.Sequence)
            {
                Disagree($"the batch proofs of {_service} give leaf {proof.LeafIndex} ({proof.EventId} #{proof.Sequence}) where the whole listing gives leaf {leaf.LeafIndex} ({leaf.EventId} #{leaf.Sequence})");
            }

            // The whole listing's leaf, which the root rebuild checks, with the batch's path, which the chain's root checks.
            return new LeafProof(leaf.LeafIndex, leaf.LeafHash, leaf.EventId, leaf.Service, leaf.Sequence, proof.AuditPath);
        }

        Listing ??= await ConcludeAsync();
        return null;
    }

    private async Task<Check> ConcludeAsync()
    {
        if (_frontier.Size != _anchor.TreeSize)
        {
            return Check.Fail(CheckName, $"the ledger lists {_frontier.Size} leaves of the anchored tree of {_anchor.TreeSize}");
        }

        var root = Hex.Encode(_frontier.RootHash());
        if (!HashText.Same(root, _anchor.RootHash))
        {
            return Check.Fail(CheckName, $"the {_anchor.TreeSize} leaves the ledger lists hash to root {root}, not to the anchored root {_anchor.RootHash}: the listing is not the anchored log");
        }

        if (await _proofs.MoveNextAsync())
        {
            Disagree($"the batch proofs of {_service} give leaf {_proofs.Current.LeafIndex}, which the whole listing does not give to {_service}");
        }

        return _disagreement is { } reason
            ? Check.Fail(CheckName, reason)
            : Check.Pass(CheckName, $"the ledger's {_anchor.TreeSize} leaves rebuild the anchored root, and its listing of {_service} is theirs");
    }

    private void Disagree(string reason) => _disagreement ??= reason;

    public async ValueTask DisposeAsync()
    {
        await _all.DisposeAsync();
        await _proofs.DisposeAsync();
    }
}
