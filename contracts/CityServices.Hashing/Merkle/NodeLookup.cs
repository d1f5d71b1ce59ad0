namespace CityServices.Hashing.Merkle;

/// <summary>
/// Returns the stored hash of a complete subtree, or null when the store has none. A dictionary
/// serves as one through its <c>GetValueOrDefault</c> method; a database-backed log fetches a
/// plan's <see cref="ProofPlan.Nodes"/> in one query first and then looks them up in memory.
/// </summary>
/// <param name="node">The complete subtree whose hash is needed.</param>
public delegate byte[]? NodeLookup(NodeId node);
