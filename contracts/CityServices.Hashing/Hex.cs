namespace CityServices.Hashing;

/// <summary>Hashes travel as lowercase hex in every public format (leaf records, proofs, APIs).</summary>
public static class Hex
{
    /// <summary>Lowercase hex, two characters a byte.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Decodes hex of either case; an optional <c>0x</c> prefix is accepted because chain tools print one.</summary>
    /// <exception cref="FormatException">The text is not an even number of hex digits.</exception>
    public static byte[] Decode(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        return Convert.FromHexString(digits);
    }

    /// <summary>Decodes a SHA-256 hash: exactly 32 bytes of hex.</summary>
    /// <exception cref="FormatException">The text is not 64 hex digits.</exception>
    public static byte[] DecodeHash(string hex)
    {
        var bytes = Decode(hex);
        return bytes.Length == MerkleHashLength
            ? bytes
            : throw new FormatException($"A hash is 32 bytes (64 hex digits); got {bytes.Length} bytes.");
    }

    private const int MerkleHashLength = 32;
}
