namespace CityServices.Hashing.Merkle;

/// <summary>
/// A complete (perfect) subtree of the log: the 2^<see cref="Level"/> leaves that start at leaf
/// <see cref="Index"/> × 2^<see cref="Level"/>. Level 0 nodes are the leaf hashes themselves.
/// </summary>
/// <remarks>
/// A complete subtree never changes once its last leaf is appended, so a log can store its hash
/// once, keyed by (level, index), and answer every tree head and proof from such nodes alone.
/// </remarks>
/// <param name="Level">The height of the subtree: it covers 2^Level leaves.</param>
/// <param name="Index">The position of the subtree among those of its level, from the left.</param>
public readonly record struct NodeId(int Level, long Index)
{
    /// <summary>The index of the subtree's first leaf.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>How many leaves the subtree covers: 2^<see cref="Level"/>.</summary>
    public long LeafCount => 1L << Level;

    /// <summary>Reads as it is written in log messages and errors.</summary>
    public override string ToString() => $"(level {Level}, index {Index})";
}
