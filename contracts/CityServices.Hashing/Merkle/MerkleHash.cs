using System.Security.Cryptography;

namespace CityServices.Hashing.Merkle;

/// <summary>
/// The two hashes of an RFC 9162 (RFC 6962) Merkle tree. The one-byte prefixes keep a leaf from
/// ever being passed off as an interior node (second-preimage resistance).
/// </summary>
public static class MerkleHash
{
    public const int Length = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>SHA-256(0x00 ‖ leaf data).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> leafData)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([LeafPrefix]);
        sha.AppendData(leafData);
        return sha.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([NodePrefix]);
        sha.AppendData(left);
        sha.AppendData(right);
        return sha.GetHashAndReset();
    }

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);
}
