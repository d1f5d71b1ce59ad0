using System.Text.Json;

namespace CityServices.Hashing;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence for every JSON text with the
/// same meaning, so that hashes of event data do not depend on member order, whitespace,
/// escaping or number spelling.
/// </summary>
/// <remarks>
/// <para>Output: no whitespace; object members sorted by the UTF-16 code units of their names;
/// strings with only <c>\"</c> <c>\\</c> <c>\b</c> <c>\f</c> <c>\n</c> <c>\r</c> <c>\t</c> and
/// <c>\u00xx</c> (other controls below U+0020) escaped, everything else literal UTF-8; numbers as
/// ECMAScript prints the IEEE-754 double they denote (<c>4.50</c> → <c>4.5</c>, <c>1E3</c> → <c>1000</c>,
/// <c>1e21</c> → <c>1e+21</c>, <c>-0</c> → <c>0</c>).</para>
/// <para>Rejected with <see cref="CanonicalJsonException"/>: text that is not strict RFC 8259
/// JSON (including a byte order mark, comments, trailing commas and nesting deeper than 64),
/// repeated member names, lone surrogates, and numbers whose double is not finite.</para>
/// <para>Stricter than RFC 8785, because event data must survive canonicalization exactly: an
/// integer written without fraction or exponent whose magnitude exceeds 2^53 (9007199254740992)
/// is rejected rather than rounded to the nearest double. Exact large numbers travel as strings.</para>
/// </remarks>
public static class CanonicalJson
{
    /// <summary>Canonicalizes one JSON text given as UTF-8.</summary>
    /// <returns>The canonical form as UTF-8, without a byte order mark.</returns>
    /// <exception cref="CanonicalJsonException">The text cannot be canonicalized; the message says what and where.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        using var document = Parse(utf8Json);
        return CanonicalJsonWriter.Write(document.RootElement);
    }

    /// <summary>Canonicalizes an already parsed JSON value (for example a member of a larger document).</summary>
    /// <returns>The canonical form as UTF-8, without a byte order mark.</returns>
    /// <exception cref="CanonicalJsonException">The value cannot be canonicalized; the message says what and where.</exception>
    public static byte[] Canonicalize(JsonElement element) => CanonicalJsonWriter.Write(element);

    private static JsonDocument Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException e)
        {
            throw new CanonicalJsonException($"Cannot canonicalize: the text is not valid JSON. {e.Message}", null, e);
        }
    }
}
