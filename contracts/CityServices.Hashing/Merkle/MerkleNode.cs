namespace CityServices.Hashing.Merkle;

/// <summary>A complete subtree and its hash: what a log stores, once, when the subtree completes.</summary>
/// <param name="Id">Which complete subtree.</param>
/// <param name="Hash">Its 32-byte RFC 9162 hash, MTH of its leaves.</param>
public sealed record MerkleNode(NodeId Id, byte[] Hash);
