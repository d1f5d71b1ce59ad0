namespace CityServices.Security.Tests;

/// <summary>The values the walk sends, one at a time, where a valid one belongs.</summary>
internal static class HostileValues
{
    private static readonly string LongText = new('x', 100_000);

    /// <summary>
    /// For a path segment or a query value, already percent-encoded (a lone surrogate cannot be
    /// escaped: its UTF-8 would be invalid, as sent). The last ones are odd but valid free text: where
    /// the parameter is text, a request carrying them is a valid request and may do what it does.
    /// </summary>
    public static readonly (string Label, string Escaped)[] InUrl =
    [
        // Kestrel itself refuses a NUL in the path (a bare 400, before any endpoint): see HostileInputWalk.ServerRefusal.
        ("NUL", "x%00y"),
        ("a control character", "x%07y"),
        ("a terminal escape", "%1B%5B2J"),
        ("a bidirectional override", "%E2%80%AEx"),
        ("a zero-width space", "x%E2%80%8By"),
        ("a byte-order mark", "%EF%BB%BFx"),
        ("a word where a number or id belongs", "not-a-value"),
        // ASP.NET Core leaves a percent sequence that is not UTF-8 undecoded: the text is "%ED%A0%80" itself.
        ("invalid UTF-8 (an encoded lone surrogate)", "%ED%A0%80"),
        // A request line over Kestrel's 8 kB limit is refused before any endpoint: 4 kB stays within it.
        ("4 kB of text", new string('x', 4_000)),
        ("a negative number", "-1"),
        ("a number beyond 64 bits", "99999999999999999999999"),
        ("an integer where an enum name belongs", "0"),
        ("a path traversal", "..%2F..%2Fx"),
    ];

    /// <summary>The URL values that are valid text: from "a word" on.</summary>
    public static bool IsValidText(string label) =>
        Array.FindIndex(InUrl, value => value.Label == label) >= Array.FindIndex(InUrl, value => value.Label == "a word where a number or id belongs");

    /// <summary>For a JSON body property, as JSON text; <paramref name="type"/> is the schema's type.</summary>
    public static IEnumerable<(string Label, string Json)> InJson(string type, bool nullable)
    {
        yield return ("NUL", "\"x\\u0000y\"");
        yield return ("a control character", "\"x\\u0007y\"");
        yield return ("a bidirectional override", "\"\\u202Ex\"");
        yield return ("a zero-width space", "\"x\\u200By\"");
        yield return ("a byte-order mark", "\"\\uFEFFx\"");
        yield return ("a lone surrogate escape", "\"\\uD800\"");
        yield return ("a 100 kB string", $"\"{LongText}\"");
        yield return ("an empty string", "\"\"");
        yield return ("true", "true");
        yield return ("an array", "[]");
        yield return ("an object", "{}");
        yield return ("a huge number", "1e308");
        yield return ("a number beyond 64 bits", "99999999999999999999999");
        if (type is "string" or "enum")
        {
            yield return ("a number where text belongs", "123");
        }

        if (type is "integer" or "number")
        {
            yield return ("a negative number", "-1");
            yield return ("a fraction", "0.5");
            yield return ("a number as text", "\"1\"");
        }

        if (type == "enum")
        {
            yield return ("an enum as an integer", "0");
            yield return ("an undefined enum as an integer", "99");
            yield return ("an unknown enum name", "\"no-such-member\"");
        }

        if (!nullable)
        {
            yield return ("null where a value is required", "null");
        }
    }

    /// <summary>Bodies that are wrong as a whole.</summary>
    public static readonly (string Label, string Body)[] WholeBodies =
    [
        ("an empty body", ""),
        ("malformed JSON", "{"),
        ("a truncated body", "{\"a\":"),
        ("null", "null"),
        ("an array", "[]"),
        ("a string", "\"x\""),
        ("trailing garbage", "{} x"),
    ];
}
