using System.Security.Cryptography;
using System.Text.Json;

namespace CityServices.Hashing;

/// <summary>
/// The <c>dataSha256</c> of a leaf record: lowercase hex SHA-256 of the RFC 8785 canonical event
/// data, so the same event hashes the same however its JSON was spaced or ordered.
/// </summary>
public static class EventDataHash
{
    /// <summary>Hashes event data given as UTF-8 JSON text.</summary>
    /// <exception cref="CanonicalJsonException">The data cannot be canonicalized.</exception>
    public static string Compute(ReadOnlySpan<byte> utf8Json) => Hash(CanonicalJson.Canonicalize(utf8Json));

    /// <summary>Hashes event data already parsed, such as the <c>data</c> member of an audit export line or a receipt.</summary>
    /// <exception cref="CanonicalJsonException">The data cannot be canonicalized.</exception>
    public static string Compute(JsonElement eventData) => Hash(CanonicalJson.Canonicalize(eventData));

    private static string Hash(byte[] canonicalJson) => Hex.Encode(SHA256.HashData(canonicalJson));
}
