namespace CityServices.Hashing.Merkle;

/// <summary>
/// A whole log held in memory, for small inputs: the auditor's tool and tests. It keeps every
/// complete subtree, as a database-backed log does, and answers through the same
/// <see cref="MerkleFrontier"/> appends and <see cref="MerklePlanner"/> plans, so both share one
/// tested code path.
/// </summary>
public sealed class MerkleTree
{
    // _levels[level][index] is the hash of the complete subtree (level, index).
    private readonly List<List<byte[]>> _levels = [];
    private MerkleFrontier _frontier = MerkleFrontier.Empty;

    /// <summary>An empty tree.</summary>
    public MerkleTree()
    {
    }

    /// <summary>A tree of the given leaf hashes, in order.</summary>
    /// <exception cref="ArgumentException">A hash is not 32 bytes.</exception>
    public MerkleTree(IEnumerable<byte[]> leafHashes) => AppendRange(leafHashes);

    /// <summary>How many leaves the tree holds.</summary>
    public long Size => _frontier.Size;

    /// <summary>A tree whose leaves hash the given leaf data: SHA-256(0x00 ‖ data) each.</summary>
    public static MerkleTree FromLeafData(IEnumerable<byte[]> leafData)
    {
        ArgumentNullException.ThrowIfNull(leafData);
        return new MerkleTree(leafData.Select(data => MerkleHash.Leaf(data)));
    }

    /// <summary>Appends one leaf hash.</summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    public void Append(ReadOnlySpan<byte> leafHash) => AppendRange([leafHash.ToArray()]);

    /// <summary>Appends leaf hashes in order.</summary>
    /// <exception cref="ArgumentException">A hash is not 32 bytes.</exception>
    public void AppendRange(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        foreach (var leafHash in leafHashes)
        {
            var appended = _frontier.Append(leafHash);
            Store(new MerkleNode(new NodeId(0, _frontier.Size), (byte[])leafHash.Clone()));
            foreach (var node in appended.CompletedNodes)
            {
                Store(node);
            }

            _frontier = appended.Frontier;
        }
    }

    /// <summary>The hash of leaf <paramref name="leafIndex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tree has no such leaf.</exception>
    public byte[] LeafHash(long leafIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, Size);
        return (byte[])_levels[0][(int)leafIndex].Clone();
    }

    /// <summary>The current tree head.</summary>
    public byte[] RootHash() => RootHash(Size);

    /// <summary>The tree head the log had when it held <paramref name="treeSize"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative or beyond the tree.</exception>
    public byte[] RootHash(long treeSize)
    {
        RequireSize(treeSize);
        return MerklePlanner.TreeHead(treeSize).Assemble(Lookup);
    }

    /// <summary>The audit path of leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The leaf or the size is outside the tree.</exception>
    public IReadOnlyList<byte[]> InclusionProof(long leafIndex, long treeSize)
    {
        RequireSize(treeSize);
        return MerklePlanner.Inclusion(leafIndex, treeSize).Assemble(Lookup);
    }

    /// <summary>The consistency proof between the tree heads of sizes <paramref name="firstSize"/> and <paramref name="secondSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are out of order or beyond the tree.</exception>
    public IReadOnlyList<byte[]> ConsistencyProof(long firstSize, long secondSize)
    {
        RequireSize(secondSize);
        return MerklePlanner.Consistency(firstSize, secondSize).Assemble(Lookup);
    }

    private void RequireSize(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, Size);
    }

    private void Store(MerkleNode node)
    {
        if (_levels.Count == node.Id.Level)
        {
            _levels.Add([]);
        }

        _levels[node.Id.Level].Add(node.Hash);
    }

    private byte[]? Lookup(NodeId node) =>
        node.Level < _levels.Count && node.Index < _levels[node.Level].Count ? _levels[node.Level][(int)node.Index] : null;
}
