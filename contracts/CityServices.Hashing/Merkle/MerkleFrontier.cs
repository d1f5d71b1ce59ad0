namespace CityServices.Hashing.Merkle;

/// <summary>
/// The right edge of a log of <see cref="Size"/> leaves: the complete subtrees that cover it, one
/// per set bit of the size, largest first. Appending needs nothing else, and it yields exactly the
/// complete subtrees each new leaf finishes, which a log stores once and never touches again.
/// Appending returns a new frontier and leaves this one as it was, so a writer can keep the last
/// one between batches and drop a batch that failed to commit by simply not adopting its result.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly MerkleNode[] _nodes;

    private MerkleFrontier(long size, MerkleNode[] nodes)
    {
        Size = size;
        _nodes = nodes;
    }

    /// <summary>The frontier of the empty log.</summary>
    public static MerkleFrontier Empty { get; } = new(0, []);

    /// <summary>How many leaves the log holds.</summary>
    public long Size { get; }

    /// <summary>The complete subtrees covering leaves [0, <see cref="Size"/>), left to right.</summary>
    public IReadOnlyList<MerkleNode> Nodes => _nodes;

    /// <summary>
    /// Rebuilds the frontier of a stored log from its complete subtrees: the nodes of
    /// <see cref="MerklePlanner.TreeHead"/>(<paramref name="size"/>), at most one per level.
    /// </summary>
    /// <exception cref="InvalidOperationException">A node's hash is missing from the store or not 32 bytes.</exception>
    public static MerkleFrontier Load(long size, NodeLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var nodes = MerklePlanner.TreeHead(size).Parts.Select(id => new MerkleNode(id, lookup.Require(id)));
        return new MerkleFrontier(size, [.. nodes]);
    }

    /// <summary>Appends one leaf hash as leaf number <see cref="Size"/>.</summary>
    /// <param name="leafHash">The 32-byte leaf hash, SHA-256(0x00 ‖ leaf data).</param>
    /// <returns>The new frontier and the complete subtrees of level ≥ 1 the leaf finished, lowest first.</returns>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    public FrontierAppend Append(ReadOnlySpan<byte> leafHash) => AppendRange([leafHash.ToArray()]);

    /// <summary>Appends many leaf hashes in order, as leaves <see cref="Size"/>, <see cref="Size"/>+1, …</summary>
    /// <param name="leafHashes">The 32-byte leaf hashes.</param>
    /// <returns>The new frontier and every complete subtree of level ≥ 1 the batch finished, in the order they completed.</returns>
    /// <exception cref="ArgumentException">A hash is not 32 bytes.</exception>
    public FrontierAppend AppendRange(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var edge = new List<MerkleNode>(_nodes);
        var completed = new List<MerkleNode>();
        var size = Size;
        foreach (var leafHash in leafHashes)
        {
            if (leafHash is not { Length: MerkleHash.Length })
            {
                throw new ArgumentException($"Leaf {size}: a leaf hash is 32 bytes.", nameof(leafHashes));
            }

            // Leaf number `size` finishes one subtree per trailing one bit of `size`: each merges
            // with the equally high complete subtree on its left.
            var node = new MerkleNode(new NodeId(0, size), (byte[])leafHash.Clone());
            while (edge.Count > 0 && edge[^1].Id.Level == node.Id.Level)
            {
                var left = edge[^1];
                edge.RemoveAt(edge.Count - 1);
                node = new MerkleNode(new NodeId(left.Id.Level + 1, left.Id.Index >> 1), MerkleHash.Node(left.Hash, node.Hash));
                completed.Add(node);
            }

            edge.Add(node);
            size++;
        }

        return new FrontierAppend(new MerkleFrontier(size, [.. edge]), completed);
    }

    /// <summary>The tree head MTH(D[0:<see cref="Size"/>]).</summary>
    public byte[] RootHash()
    {
        var byId = _nodes.ToDictionary(node => node.Id, node => node.Hash);
        return MerklePlanner.TreeHead(Size).Assemble(byId.GetValueOrDefault);
    }
}
