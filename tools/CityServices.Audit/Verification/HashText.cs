using CityServices.Hashing;

namespace CityServices.Audit.Verification;

/// <summary>Hashes that arrive from outside (proofs, receipts): malformed hex becomes null, which the verifier reports as malformed.</summary>
internal static class HashText
{
    public static byte[]? TryDecode(string? hex)
    {
        try
        {
            return hex is null ? null : Hex.DecodeHash(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static IReadOnlyList<byte[]?> TryDecodeAll(IEnumerable<string>? hexes) => [.. (hexes ?? []).Select(TryDecode)];

    public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
