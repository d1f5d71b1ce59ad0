using System.Globalization;

namespace CityServices.Hashing;

/// <summary>
/// Formats a double exactly as ECMAScript's <c>Number.prototype.toString</c> does, which is
/// what RFC 8785 section 3.2.2.3 prescribes: the shortest digits that round-trip, written in
/// plain notation from 1e-6 up to 1e21 and in exponent notation (<c>1e+21</c>, <c>1e-7</c>) outside.
/// </summary>
internal static class EcmaScriptNumber
{
    private const int LargestPlainExponent = 21;
    private const int SmallestPlainExponent = -6;

    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no form for NaN or infinity.");
        }

        // Both zeros print as "0" in ECMAScript.
        if (value == 0)
        {
            return "0";
        }

        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : string.Empty;
        return sign + Layout(digits, pointPosition);
    }

    /// <summary>
    /// The shortest round-trip digits (no leading or trailing zeros) and the position n of the
    /// decimal point, so that the value is 0.digits × 10^n. .NET's "R" format has produced the
    /// shortest round-trip digits, nearest to the value, since .NET Core 3.0; only its layout differs from ECMAScript's.
    /// </summary>
    private static (string Digits, int PointPosition) ShortestDigits(double magnitude)
    {
        var text = magnitude.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = pointAt < 0 ? mantissa.Length : pointAt;

        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var pointPosition = integerDigits + exponent;
        var significant = digits.TrimStart('0');
        pointPosition -= digits.Length - significant.Length;
        return (significant.TrimEnd('0'), pointPosition);
    }

    /// <summary>ECMA-262 Number::toString, steps for k digits and point position n.</summary>
    private static string Layout(string digits, int n)
    {
        var k = digits.Length;
        if (k <= n && n <= LargestPlainExponent)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= LargestPlainExponent)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (SmallestPlainExponent < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var exponent = n - 1;
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }
}
