using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CityServices.Hashing;

/// <summary>
/// The canonical spelling of a JSON number literal: RFC 8785 section 3.2.2.3 (the ECMAScript form
/// of its IEEE-754 double), plus our rule that an integer literal beyond ±2^53 has none, because
/// rounding it to a double would silently change event data.
/// </summary>
internal static class CanonicalNumber
{
    /// <summary>2^53: above it a double no longer holds every integer.</summary>
    private const string LargestExactInteger = "9007199254740992";

    public static bool TryFormat(string literal, [NotNullWhen(true)] out string? canonical, [NotNullWhen(false)] out string? problem)
    {
        canonical = null;
        if (IsInteger(literal) && ExceedsExactIntegers(literal))
        {
            problem = $"the integer {literal} is beyond ±2^53 ({LargestExactInteger}), where canonicalization as a double would change its digits; send exact large numbers as strings";
            return false;
        }

        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            problem = $"the number {literal} is too large for an IEEE-754 double, which RFC 8785 requires; send it as a string";
            return false;
        }

        canonical = EcmaScriptNumber.Format(value);
        problem = null;
        return true;
    }

    private static bool IsInteger(string literal) => literal.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    // JSON forbids leading zeros, so comparing the digits as text compares the magnitudes.
    private static bool ExceedsExactIntegers(string literal)
    {
        var digits = literal.TrimStart('-');
        return digits.Length > LargestExactInteger.Length
            || (digits.Length == LargestExactInteger.Length && string.CompareOrdinal(digits, LargestExactInteger) > 0);
    }
}
