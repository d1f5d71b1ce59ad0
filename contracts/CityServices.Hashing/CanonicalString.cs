using System.Globalization;
using System.Text;

namespace CityServices.Hashing;

/// <summary>
/// RFC 8785 section 3.2.2.2: a string is quoted with only <c>\"</c>, <c>\\</c>, the five short
/// control escapes and <c>\u00xx</c> (lowercase) for the other controls; everything else is
/// literal, so each string has exactly one spelling.
/// </summary>
internal static class CanonicalString
{
    public static void Append(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case < ' ': output.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: output.Append(c); break;
            }
        }

        output.Append('"');
    }
}
