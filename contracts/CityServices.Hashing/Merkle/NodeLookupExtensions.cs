namespace CityServices.Hashing.Merkle;

internal static class NodeLookupExtensions
{
    /// <summary>
    /// A missing or malformed node means the log's own store is damaged or was read short, never a
    /// bad request: fail loudly with the node's name rather than produce a wrong proof.
    /// </summary>
    public static byte[] Require(this NodeLookup lookup, NodeId node) =>
        lookup(node) is { Length: MerkleHash.Length } hash
            ? hash
            : throw new InvalidOperationException(
                $"The node store holds no 32-byte hash for the complete subtree {node}; it was not fetched or the log is damaged.");
}
