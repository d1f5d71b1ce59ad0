namespace CityServices.Hashing.Merkle;

/// <summary>
/// Pure arithmetic over tree sizes and leaf indices: which stored complete subtrees make up a tree
/// head, an inclusion proof (RFC 9162 section 2.1.3.1) or a consistency proof (section 2.1.4.1).
/// No hashing happens here, so a log can plan a proof, fetch its nodes in one query, and assemble it.
/// </summary>
public static class MerklePlanner
{
    /// <summary>The tree head MTH(D[0:treeSize]): one complete subtree per set bit of the size.</summary>
    /// <param name="treeSize">Number of leaves; 0 plans the empty tree's root.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative.</exception>
    public static SubtreePlan TreeHead(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return new SubtreePlan(0, treeSize);
    }

    /// <summary>The audit path PATH(m, D[0:n]) of leaf <paramref name="leafIndex"/> in a tree of <paramref name="treeSize"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The leaf is not inside the tree.</exception>
    public static ProofPlan Inclusion(long leafIndex, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);

        // RFC 9162 descends from the root: the sibling of the half holding the leaf is recorded,
        // then the half is split again. The path lists those siblings from the leaf upwards.
        var siblings = new List<SubtreePlan>();
        var (start, end) = (0L, treeSize);
        while (end - start > 1)
        {
            var split = start + PowersOfTwo.LargestBelow(end - start);
            if (leafIndex < split)
            {
                siblings.Add(new SubtreePlan(split, end));
                end = split;
            }
            else
            {
                siblings.Add(new SubtreePlan(start, split));
                start = split;
            }
        }

        siblings.Reverse();
        return new ProofPlan(siblings);
    }

    /// <summary>
    /// The consistency proof PROOF(m, D[0:n]) between the tree heads of sizes
    /// <paramref name="firstSize"/> and <paramref name="secondSize"/>. It is empty when the first
    /// tree is empty or both are the same size: nothing needs proving.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are negative or the first exceeds the second.</exception>
    public static ProofPlan Consistency(long firstSize, long secondSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        if (firstSize == 0 || firstSize == secondSize)
        {
            return new ProofPlan([]);
        }

        // SUBPROOF(m, D[start:end], b) of RFC 9162, unrolled: descend until the subtree is exactly
        // the first tree's last part. Its hash is recorded unless it is the whole first tree,
        // which the verifier already holds (b = true only while we never turned right).
        var hashes = new List<SubtreePlan>();
        var (start, end, isWholeFirstTree) = (0L, secondSize, true);
        while (end != firstSize)
        {
            var split = start + PowersOfTwo.LargestBelow(end - start);
            if (firstSize <= split)
            {
                hashes.Add(new SubtreePlan(split, end));
                end = split;
            }
            else
            {
                hashes.Add(new SubtreePlan(start, split));
                start = split;
                isWholeFirstTree = false;
            }
        }

        if (!isWholeFirstTree)
        {
            hashes.Add(new SubtreePlan(start, end));
        }

        hashes.Reverse();
        return new ProofPlan(hashes);
    }
}
