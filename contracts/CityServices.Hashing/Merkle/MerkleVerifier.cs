using System.Numerics;

namespace CityServices.Hashing.Merkle;

/// <summary>
/// The verification algorithms of RFC 9162 section 2.1.3.2 (inclusion) and 2.1.4.2 (consistency),
/// for auditors who trust nothing but the roots anchored on chain. Proofs arrive from outside, so
/// a malformed one is an answer (invalid, and why), never an exception.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="leafIndex"/> of the tree of <paramref name="treeSize"/> leaves with root <paramref name="rootHash"/>.</summary>
    /// <param name="leafIndex">The leaf's 0-based index.</param>
    /// <param name="treeSize">The size of the tree the root belongs to.</param>
    /// <param name="leafHash">SHA-256(0x00 ‖ leaf data).</param>
    /// <param name="inclusionPath">The audit path, from the leaf's sibling upwards.</param>
    /// <param name="rootHash">The trusted tree head.</param>
    public static VerificationResult VerifyInclusion(
        long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]?>? inclusionPath, ReadOnlySpan<byte> rootHash)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return Fail(VerificationFailure.InvalidPosition, $"Leaf index {leafIndex} is not inside a tree of size {treeSize}.");
        }

        if (inclusionPath is null)
        {
            return Fail(VerificationFailure.MalformedHash, "No inclusion proof was given.");
        }

        if (CheckHashes(leafHash, "leaf hash", rootHash, "root hash", inclusionPath) is { } malformed)
        {
            return malformed;
        }

        var expected = InclusionPathLength((ulong)leafIndex, (ulong)treeSize);
        if (inclusionPath.Count != expected)
        {
            return WrongLength(inclusionPath.Count, expected, $"leaf {leafIndex} in a tree of size {treeSize}");
        }

        // RFC 9162 section 2.1.3.2, step for step.
        var (fn, sn) = ((ulong)leafIndex, (ulong)treeSize - 1);
        var r = leafHash.ToArray();
        foreach (var p in inclusionPath)
        {
            if (sn == 0)
            {
                return WrongLength(inclusionPath.Count, expected, $"leaf {leafIndex} in a tree of size {treeSize}");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    (fn, sn) = (fn >> 1, sn >> 1);
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        if (sn != 0)
        {
            return WrongLength(inclusionPath.Count, expected, $"leaf {leafIndex} in a tree of size {treeSize}");
        }

        return r.AsSpan().SequenceEqual(rootHash)
            ? VerificationResult.Valid
            : Fail(VerificationFailure.RootMismatch, $"The proof leads to root {Hex.Encode(r)}, not {Hex.Encode(rootHash)}.");
    }

    /// <summary>
    /// Checks that the tree of <paramref name="firstSize"/> leaves with root <paramref name="firstRoot"/>
    /// is a prefix of the tree of <paramref name="secondSize"/> leaves with root <paramref name="secondRoot"/>:
    /// the log only appended in between.
    /// </summary>
    /// <remarks>
    /// Beyond RFC 9162, which defines proofs for 0 &lt; first &lt; second: equal sizes verify with an
    /// empty proof and equal roots, and an empty first tree verifies with an empty proof when its
    /// root is the empty tree's — a root claimed for size 0 must be that one hash.
    /// </remarks>
    public static VerificationResult VerifyConsistency(
        long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]?>? consistencyPath)
    {
        if (firstSize < 0 || secondSize < firstSize)
        {
            return Fail(VerificationFailure.InvalidPosition, $"A tree of size {firstSize} cannot grow into one of size {secondSize}.");
        }

        if (consistencyPath is null)
        {
            return Fail(VerificationFailure.MalformedHash, "No consistency proof was given.");
        }

        if (CheckHashes(firstRoot, "first root", secondRoot, "second root", consistencyPath) is { } malformed)
        {
            return malformed;
        }

        if (firstSize == 0 || firstSize == secondSize)
        {
            return VerifyTrivialConsistency(firstSize, secondSize, firstRoot, secondRoot, consistencyPath.Count);
        }

        var expected = ConsistencyPathLength((ulong)firstSize, (ulong)secondSize);
        if (consistencyPath.Count != expected)
        {
            return WrongLength(consistencyPath.Count, expected, $"sizes {firstSize} and {secondSize}");
        }

        // RFC 9162 section 2.1.4.2, step for step. A first tree of 2^k leaves is a complete
        // subtree of the second, so the proof leaves its hash out and the verifier supplies it.
        var path = BitOperations.IsPow2(firstSize) ? [firstRoot.ToArray(), .. consistencyPath] : consistencyPath;
        var (fn, sn) = ((ulong)firstSize - 1, (ulong)secondSize - 1);
        while ((fn & 1) == 1)
        {
            (fn, sn) = (fn >> 1, sn >> 1);
        }

        var (fr, sr) = (path[0]!, path[0]!);
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return WrongLength(consistencyPath.Count, expected, $"sizes {firstSize} and {secondSize}");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                (fr, sr) = (MerkleHash.Node(c, fr), MerkleHash.Node(c, sr));
                while ((fn & 1) == 0 && fn != 0)
                {
                    (fn, sn) = (fn >> 1, sn >> 1);
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        if (sn != 0)
        {
            return WrongLength(consistencyPath.Count, expected, $"sizes {firstSize} and {secondSize}");
        }

        if (!fr.AsSpan().SequenceEqual(firstRoot))
        {
            return Fail(VerificationFailure.FirstRootMismatch, $"The proof leads to first root {Hex.Encode(fr)}, not {Hex.Encode(firstRoot)}.");
        }

        return sr.AsSpan().SequenceEqual(secondRoot)
            ? VerificationResult.Valid
            : Fail(VerificationFailure.SecondRootMismatch, $"The proof leads to second root {Hex.Encode(sr)}, not {Hex.Encode(secondRoot)}.");
    }

    /// <summary>
    /// The audit path holds one hash per level where the leaf's and the last leaf's paths differ
    /// below their common ancestor, plus one per level where the leaf is a right child above it.
    /// </summary>
    internal static int InclusionPathLength(ulong leafIndex, ulong treeSize)
    {
        var inner = 64 - BitOperations.LeadingZeroCount(leafIndex ^ (treeSize - 1));
        return inner + BitOperations.PopCount(leafIndex >> inner);
    }

    /// <summary>
    /// A consistency proof is the audit path of the first tree's last complete subtree inside the
    /// second tree, plus that subtree's own hash unless it is the whole first tree.
    /// </summary>
    internal static int ConsistencyPathLength(ulong firstSize, ulong secondSize)
    {
        var inner = 64 - BitOperations.LeadingZeroCount((firstSize - 1) ^ (secondSize - 1));
        var border = BitOperations.PopCount((firstSize - 1) >> inner);
        var lastSubtreeHeight = BitOperations.TrailingZeroCount(firstSize);
        var seed = BitOperations.IsPow2(firstSize) ? 0 : 1;
        return seed + inner - lastSubtreeHeight + border;
    }

    private static VerificationResult VerifyTrivialConsistency(
        long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, int proofLength)
    {
        if (proofLength != 0)
        {
            return WrongLength(proofLength, 0, $"sizes {firstSize} and {secondSize}");
        }

        if (firstSize == 0)
        {
            return firstRoot.SequenceEqual(MerkleHash.EmptyRoot())
                ? VerificationResult.Valid
                : Fail(VerificationFailure.FirstRootMismatch, $"The empty tree's root is {Hex.Encode(MerkleHash.EmptyRoot())}, not {Hex.Encode(firstRoot)}.");
        }

        return firstRoot.SequenceEqual(secondRoot)
            ? VerificationResult.Valid
            : Fail(VerificationFailure.SecondRootMismatch, $"Two trees of size {secondSize} have different roots: the log forked.");
    }

    private static VerificationResult? CheckHashes(
        ReadOnlySpan<byte> first, string firstName, ReadOnlySpan<byte> second, string secondName, IReadOnlyList<byte[]?> proof)
    {
        if (first.Length != MerkleHash.Length)
        {
            return Fail(VerificationFailure.MalformedHash, $"The {firstName} is {first.Length} bytes; a hash is 32.");
        }

        if (second.Length != MerkleHash.Length)
        {
            return Fail(VerificationFailure.MalformedHash, $"The {secondName} is {second.Length} bytes; a hash is 32.");
        }

        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i] is not { Length: MerkleHash.Length })
            {
                return Fail(VerificationFailure.MalformedHash, $"Proof hash {i} is {proof[i]?.Length ?? 0} bytes; a hash is 32.");
            }
        }

        return null;
    }

    private static VerificationResult WrongLength(int actual, int expected, string what) =>
        Fail(VerificationFailure.WrongProofLength, $"The proof has {actual} hashes, expected {expected} for {what}.");

    private static VerificationResult Fail(VerificationFailure failure, string reason) => VerificationResult.Fail(failure, reason);
}
