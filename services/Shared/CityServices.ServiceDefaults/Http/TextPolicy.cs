using System.Globalization;

namespace CityServices.ServiceDefaults;

/// <summary>
/// What text the platform accepts from outside, in JSON strings and query strings alike: no
/// control characters but tab, line feed and carriage return (a NUL cannot be stored by
/// PostgreSQL, the others hide in logs and terminals), and no format characters (bidirectional
/// overrides that make "gpj.exe" read as "exe.jpg", zero-width characters that make two names
/// look alike, byte-order marks). Text is refused, never silently cleaned: what is hashed into the
/// ledger is exactly what the caller sent. docs/architecture.md ("Public API shape") states the rule for clients.
/// </summary>
public static class TextPolicy
{
    /// <summary>Why <paramref name="text"/> is refused, or null when it is acceptable.</summary>
    public static string? Refusal(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1])) == UnicodeCategory.Format)
                {
                    return $"contains an invisible formatting character (U+{char.ConvertToUtf32(c, text[i + 1]):X4}) at position {i}.";
                }

                i++;
                continue;
            }

            var refusal = CharUnicodeInfo.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.Control => "a control character",
                UnicodeCategory.Format => "an invisible formatting character",
                UnicodeCategory.Surrogate => "half of a surrogate pair",
                _ => null,
            };
            if (refusal is not null)
            {
                return $"contains {refusal} (U+{(int)c:X4}) at position {i}.";
            }
        }

        return null;
    }
}
