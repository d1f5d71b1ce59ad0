namespace CityServices.Hashing.Tests.Merkle;

/// <summary>
/// RFC 9162 section 2.1 transcribed literally — MTH, PATH, PROOF and SUBPROOF over slices of leaf
/// hashes — to check the planner, the stored-node path and the verifier against. It shares no code
/// with them but the two hash functions. Subtree hashes are memoised so that checking every proof
/// of every size up to a few hundred stays fast; the recursion itself is the RFC's.
/// </summary>
internal sealed class ReferenceMerkle(IReadOnlyList<byte[]> leafHashes)
{
    private readonly Dictionary<(int Start, int End), byte[]> _subtreeHashes = [];

    /// <summary>MTH(D[start:end]).</summary>
    public byte[] Mth(int start, int end)
    {
        var n = end - start;
        if (n == 0)
        {
            return MerkleHash.EmptyRoot();
        }

        if (n == 1)
        {
            return leafHashes[start];
        }

        if (!_subtreeHashes.TryGetValue((start, end), out var hash))
        {
            var k = LargestPowerOfTwoBelow(n);
            hash = MerkleHash.Node(Mth(start, start + k), Mth(start + k, end));
            _subtreeHashes[(start, end)] = hash;
        }

        return hash;
    }

    /// <summary>PATH(m, D[0:n]).</summary>
    public List<byte[]> Path(int m, int n) => Path(m, 0, n);

    /// <summary>PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true).</summary>
    public List<byte[]> Proof(int m, int n) => Subproof(m, 0, n, true);

    /// <summary>
    /// Which side of the running hash each PATH(m, D[0:n]) element joins, from the leaf up ('L' or 'R'):
    /// the only thing a verifier learns from m and n besides the proof's length.
    /// </summary>
    public static string PathShape(int m, int n)
    {
        if (n == 1)
        {
            return "";
        }

        var k = LargestPowerOfTwoBelow(n);
        return m < k ? PathShape(m, k) + "R" : PathShape(m - k, n - k) + "L";
    }

    /// <summary>The same for PROOF(m, D[0:n]): each SUBPROOF step's side, and whether the last subtree is sent ('S').</summary>
    public static string ProofShape(int m, int n) => SubproofShape(m, n, true);

    private static string SubproofShape(int m, int n, bool b)
    {
        if (m == n)
        {
            return b ? "" : "S";
        }

        var k = LargestPowerOfTwoBelow(n);
        return m <= k ? SubproofShape(m, k, b) + "R" : SubproofShape(m - k, n - k, false) + "L";
    }

    private List<byte[]> Path(int m, int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(n);
        return m < k
            ? [.. Path(m, start, start + k), Mth(start + k, end)]
            : [.. Path(m - k, start + k, end), Mth(start, start + k)];
    }

    private List<byte[]> Subproof(int m, int start, int end, bool b)
    {
        var n = end - start;
        if (m == n)
        {
            return b ? [] : [Mth(start, end)];
        }

        var k = LargestPowerOfTwoBelow(n);
        return m <= k
            ? [.. Subproof(m, start, start + k, b), Mth(start + k, end)]
            : [.. Subproof(m - k, start + k, end, false), Mth(start, start + k)];
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
