namespace CityServices.Hashing.Merkle;

/// <summary>
/// The stored nodes an inclusion or consistency proof needs, and how to build the proof from them.
/// A log fetches <see cref="Nodes"/> in one query, then calls <see cref="Assemble"/>.
/// </summary>
public sealed class ProofPlan
{
    internal ProofPlan(IReadOnlyList<SubtreePlan> elements)
    {
        Elements = elements;
        Nodes = [.. elements.SelectMany(element => element.Parts).Distinct()];
    }

    /// <summary>One plan per proof hash, in the order RFC 9162 lists them (from the leaf's side up).</summary>
    public IReadOnlyList<SubtreePlan> Elements { get; }

    /// <summary>Every complete subtree whose stored hash the proof needs: O(log n) of them.</summary>
    public IReadOnlyList<NodeId> Nodes { get; }

    /// <summary>Builds the proof from the stored hashes of <see cref="Nodes"/>.</summary>
    /// <param name="lookup">Gives the stored hash of each node.</param>
    /// <exception cref="InvalidOperationException">A node's hash is missing from the store or not 32 bytes.</exception>
    public IReadOnlyList<byte[]> Assemble(NodeLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return [.. Elements.Select(element => element.Assemble(lookup))];
    }
}
