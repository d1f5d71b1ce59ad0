namespace CityServices.Hashing.Merkle;

/// <summary>
/// How to obtain MTH(D[<see cref="Start"/>:<see cref="End"/>]) — a tree head or one hash of a
/// proof — from stored complete subtrees, without recomputing anything below them.
/// </summary>
/// <remarks>
/// Every subtree that RFC 9162 tree heads and proofs use starts at a multiple of a power of two
/// at least as large as itself. It therefore splits into one complete subtree per set bit of its
/// size, largest first, and its hash folds them from the right: MTH = Node(P1, Node(P2, … Pk)).
/// Only a subtree on the tree's right edge is incomplete, so a proof needs O(log n) stored nodes.
/// </remarks>
public sealed class SubtreePlan
{
    internal SubtreePlan(long start, long end)
    {
        Start = start;
        End = end;
        Parts = Decompose(start, end);
    }

    /// <summary>The first leaf the subtree covers.</summary>
    public long Start { get; }

    /// <summary>One past the last leaf the subtree covers.</summary>
    public long End { get; }

    /// <summary>The complete subtrees that make it up, left to right; empty only for the empty tree.</summary>
    public IReadOnlyList<NodeId> Parts { get; }

    /// <summary>Computes the subtree's hash from its parts' stored hashes (the empty tree's root when it has none).</summary>
    /// <param name="lookup">Gives the stored hash of each part.</param>
    /// <exception cref="InvalidOperationException">A part's hash is missing from the store or not 32 bytes.</exception>
    public byte[] Assemble(NodeLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (Parts.Count == 0)
        {
            return MerkleHash.EmptyRoot();
        }

        // A copy even for a single part: the caller owns the result, the store keeps its own.
        var hash = (byte[])lookup.Require(Parts[^1]).Clone();
        for (var i = Parts.Count - 2; i >= 0; i--)
        {
            hash = MerkleHash.Node(lookup.Require(Parts[i]), hash);
        }

        return hash;
    }

    private static NodeId[] Decompose(long start, long end)
    {
        var parts = new List<NodeId>();
        for (var position = start; position < end;)
        {
            var level = PowersOfTwo.FloorLog2(end - position);
            parts.Add(new NodeId(level, position >> level));
            position += 1L << level;
        }

        return [.. parts];
    }
}
