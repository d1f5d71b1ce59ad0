using System.Text;
using System.Text.Json;

namespace CityServices.Hashing;

/// <summary>
/// Writes one JSON value in RFC 8785 form. Text is built as UTF-16 first because JCS sorts
/// member names by UTF-16 code units, then encoded once as UTF-8.
/// </summary>
internal sealed class CanonicalJsonWriter
{
    // Throws instead of writing U+FFFD, so a lone surrogate can never be hashed as something else.
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
            case JsonValueKind.String: CanonicalString.Append(output, ReadString(value)); break;
            case JsonValueKind.Number: output.Append(FormatNumber(value)); break;
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

            CanonicalString.Append(output, name);
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

    private string FormatNumber(JsonElement value) =>
        CanonicalNumber.TryFormat(value.GetRawText(), out var canonical, out var problem) ? canonical : throw Error(problem);

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
