namespace CityServices.Hashing.Tests.Merkle;

/// <summary>
/// What a database-backed log holds: every complete subtree the appender produced, keyed by
/// (level, index). Reads go through <see cref="ReadOnly"/>, which fails the test if a plan asks
/// for a node it did not list (a second query) or one not yet complete at the proof's tree size.
/// </summary>
internal sealed class StoredLog
{
    private readonly Dictionary<NodeId, byte[]> _nodes = [];

    public StoredLog(IEnumerable<byte[]> leafHashes)
    {
        var frontier = MerkleFrontier.Empty;
        foreach (var leafHash in leafHashes)
        {
            _nodes.Add(new NodeId(0, frontier.Size), leafHash);
            var appended = frontier.Append(leafHash);
            foreach (var node in appended.CompletedNodes)
            {
                _nodes.Add(node.Id, node.Hash);
            }

            frontier = appended.Frontier;
        }
    }

    public IReadOnlyDictionary<NodeId, byte[]> Nodes => _nodes;

    /// <summary>A lookup restricted to one plan's nodes, all of which must lie inside the first <paramref name="treeSize"/> leaves.</summary>
    public NodeLookup ReadOnly(IReadOnlyCollection<NodeId> planned, long treeSize) => node =>
    {
        if (!planned.Contains(node))
        {
            throw new InvalidOperationException($"{node} was read but not planned: the proof would need a second query.");
        }

        if (node.FirstLeaf + node.LeafCount > treeSize)
        {
            throw new InvalidOperationException($"{node} is not complete in a tree of size {treeSize}.");
        }

        return _nodes.GetValueOrDefault(node);
    };
}
