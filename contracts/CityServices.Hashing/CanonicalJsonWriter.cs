using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CityServices.Hashing;

/// <summary>
/// Writes one JSON value in RFC 8785 form. Text is built as UTF-16 first because JCS sorts
/// member names by UTF-16 code units, then encoded once as UTF-8.
/// </summary>
internal sealed class CanonicalJsonWriter
{
    /// <summary>2^53: above it a double no longer holds every integer, so the source digits could change.</summary>
    private const string LargestExactInteger = "9007199254740992";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly StringBuilder output = new();
    private readonly JsonPath path = new();

    public static byte[] Write(JsonElement value)
    {
        var writer = new CanonicalJsonWriter();
        writer.WriteValue(value);
        return StrictUtf8.GetBytes(writer.output.ToString());
    }

    private void WriteValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object: WriteObject(value); break;
            case JsonValueKind.Array: WriteArray(value); break;
            case JsonValueKind.String: WriteString(ReadString(value)); break;
            case JsonValueKind.Number: output.Append(CanonicalNumber(value)); break;
            case JsonValueKind.True: output.Append("true"); break;
            case JsonValueKind.False: output.Append("false"); break;
            case JsonValueKind.Null: output.Append("null"); break;
            default: throw Error("there is no JSON value (an uninitialized JsonElement)");
        }
    }

    private void WriteObject(JsonElement value)
    {
        var members = value.EnumerateObject().Select(member => (Name: ReadName(member), member.Value)).ToList();
        members.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));

        output.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            var (name, memberValue) = members[i];
            path.PushMember(name);
            if (i > 0)
            {
                // Sorted, so a repeated name sits next to its twin. I-JSON forbids repeats because
                // parsers disagree on which one wins; a hash must not depend on that choice.
                if (members[i - 1].Name == name)
                {
                    throw Error("the member name appears more than once in its object; member names must be unique");
                }

                output.Append(',');
            }

            WriteString(name);
            output.Append(':');
            WriteValue(memberValue);
            path.Pop();
        }

        output.Append('}');
    }

    private void WriteArray(JsonElement value)
    {
        output.Append('[');
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (index > 0)
            {
                output.Append(',');
            }

            path.PushIndex(index++);
            WriteValue(item);
            path.Pop();
        }

        output.Append(']');
    }

    /// <summary>RFC 8785 section 3.2.2.2: only these seven short escapes, other controls as \u00xx, the rest literal.</summary>
    private void WriteString(string text)
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

    private string CanonicalNumber(JsonElement value)
    {
        var text = value.GetRawText();
        if (IsIntegerLiteral(text) && ExceedsExactIntegers(text))
        {
            throw Error($"the integer {text} is beyond ±2^53 ({LargestExactInteger}), where canonicalization as a double would change its digits; send exact large numbers as strings");
        }

        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            throw Error($"the number {text} is too large for an IEEE-754 double, which RFC 8785 requires; send it as a string");
        }

        return EcmaScriptNumber.Format(number);
    }

    private static bool IsIntegerLiteral(string text) => text.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    // JSON forbids leading zeros, so comparing the digits as text compares the magnitudes.
    private static bool ExceedsExactIntegers(string text)
    {
        var digits = text.TrimStart('-');
        return digits.Length > LargestExactInteger.Length
            || (digits.Length == LargestExactInteger.Length && string.CompareOrdinal(digits, LargestExactInteger) > 0);
    }

    private string ReadString(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw Error($"the string is not well-formed Unicode (a lone surrogate or invalid UTF-8): {e.Message}", e);
        }
    }

    private string ReadName(JsonProperty member)
    {
        try
        {
            return member.Name;
        }
        catch (InvalidOperationException e)
        {
            throw Error($"a member name is not well-formed Unicode (a lone surrogate or invalid UTF-8): {e.Message}", e);
        }
    }

    private CanonicalJsonException Error(string problem, Exception? cause = null)
    {
        var where = path.ToString();
        return new CanonicalJsonException($"Cannot canonicalize the JSON at {where}: {problem}.", where, cause);
    }
}
