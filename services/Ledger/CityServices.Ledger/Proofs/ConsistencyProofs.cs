using CityServices.Hashing.Merkle;
using Npgsql;

namespace CityServices.Ledger.Proofs;

/// <summary>What asking for a consistency proof can give.</summary>
public abstract record ConsistencyAnswer
{
    public sealed record Proven(ConsistencyProof Proof) : ConsistencyAnswer;

    /// <summary>The named size (<c>first</c> or <c>second</c>) has no confirmed anchor.</summary>
    public sealed record NotAnAnchoredSize(string Parameter, long TreeSize) : ConsistencyAnswer;
}

/// <summary>Consistency proofs between two anchored checkpoints, from their O(log n) stored nodes in one query.</summary>
public sealed class ConsistencyProofs(NpgsqlDataSource dataSource, AnchoredCheckpoints checkpoints)
{
    /// <param name="firstSize">The smaller anchored tree size, greater than 0.</param>
    /// <param name="secondSize">The larger anchored tree size, at least <paramref name="firstSize"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<ConsistencyAnswer> ProveAsync(long firstSize, long secondSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        var anchors = (await checkpoints.OfSizesAsync([firstSize, secondSize], cancellationToken)).ToDictionary(a => a.TreeSize);
        if (!anchors.TryGetValue(firstSize, out var first))
        {
            return new ConsistencyAnswer.NotAnAnchoredSize("first", firstSize);
        }

        if (!anchors.TryGetValue(secondSize, out var second))
        {
            return new ConsistencyAnswer.NotAnAnchoredSize("second", secondSize);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var proof = await StoredPaths.ReadAsync(connection, MerklePlanner.Consistency(firstSize, secondSize), cancellationToken);
        return new ConsistencyAnswer.Proven(new ConsistencyProof(firstSize, secondSize, first.RootHash, second.RootHash, proof));
    }
}
