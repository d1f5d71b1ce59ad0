using CityServices.Hashing;
using CityServices.Hashing.Merkle;
using Npgsql;

namespace CityServices.Ledger.Proofs;

/// <summary>What asking for an event's inclusion proof can give.</summary>
public abstract record InclusionAnswer
{
    public sealed record Proven(InclusionProof Proof) : InclusionAnswer;

    public sealed record UnknownEvent : InclusionAnswer;

    /// <summary>The event is logged, but no anchored checkpoint covers it yet: ask again later.</summary>
    public sealed record NotYetAnchored : InclusionAnswer;

    /// <summary>The requested tree size has no confirmed anchor.</summary>
    public sealed record NotAnAnchoredSize : InclusionAnswer;

    /// <summary>The requested anchored tree is older than the event's leaf.</summary>
    public sealed record SizeExcludesLeaf(long LeafIndex) : InclusionAnswer;
}

/// <summary>
/// Inclusion proofs against anchored checkpoints: the leaf row, the anchor, then the audit path's
/// stored nodes (<see cref="StoredPaths"/>).
/// </summary>
public sealed class InclusionProofs(NpgsqlDataSource dataSource, AnchoredCheckpoints checkpoints)
{
    /// <param name="eventId">The event whose leaf is proven.</param>
    /// <param name="treeSize">An anchored tree size; null for the latest anchored checkpoint.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<InclusionAnswer> ProveAsync(Guid eventId, long? treeSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await FindLeafAsync(connection, eventId, cancellationToken) is not { } leaf)
        {
            return new InclusionAnswer.UnknownEvent();
        }

        var anchor = treeSize is { } size
            ? (await checkpoints.OfSizesAsync([size], cancellationToken)).SingleOrDefault()
            : await checkpoints.LatestAsync(cancellationToken);
        switch (anchor)
        {
            case null when treeSize is not null:
                return new InclusionAnswer.NotAnAnchoredSize();
            case null:
                return new InclusionAnswer.NotYetAnchored();
            case { TreeSize: var anchoredSize } when leaf.Index >= anchoredSize:
                return treeSize is null ? new InclusionAnswer.NotYetAnchored() : new InclusionAnswer.SizeExcludesLeaf(leaf.Index);
        }

        var path = await StoredPaths.ReadAsync(connection, MerklePlanner.Inclusion(leaf.Index, anchor.TreeSize), cancellationToken);
        return new InclusionAnswer.Proven(new InclusionProof(
            eventId, leaf.Service, leaf.Sequence, leaf.Index, Hex.Encode(leaf.Hash), anchor.TreeSize, anchor.RootHash, path, anchor));
    }

    private sealed record StoredLeaf(long Index, byte[] Hash, string Service, long Sequence);

    private static async Task<StoredLeaf?> FindLeafAsync(NpgsqlConnection connection, Guid eventId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select leaf_index, leaf_hash, service, sequence from ledger.leaves where event_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredLeaf(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2), reader.GetInt64(3))
            : null;
    }
}
