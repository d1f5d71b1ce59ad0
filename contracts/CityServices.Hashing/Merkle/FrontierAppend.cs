namespace CityServices.Hashing.Merkle;

/// <summary>What appending leaves to a <see cref="MerkleFrontier"/> produced.</summary>
/// <param name="Frontier">The frontier after the append.</param>
/// <param name="CompletedNodes">
/// The complete subtrees of level ≥ 1 that the new leaves finished, in the order they completed:
/// the caller stores them with the leaves (level 0 nodes are the leaf hashes themselves).
/// </param>
public sealed record FrontierAppend(MerkleFrontier Frontier, IReadOnlyList<MerkleNode> CompletedNodes);
