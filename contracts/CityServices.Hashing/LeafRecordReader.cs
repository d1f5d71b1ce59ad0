using System.Globalization;
using System.Text.Json;

namespace CityServices.Hashing;

/// <summary>
/// Strict reading of a version 1 leaf record. An auditor's verdict must not depend on a lenient
/// reader's guesses, so anything but the exact format is an error that names the member.
/// </summary>
internal static class LeafRecordReader
{
    public static LeafRecord Read(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"The leaf record is not valid JSON. {e.Message}", e);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static LeafRecord Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A leaf record is a JSON object; got {json.ValueKind}.");
        }

        var members = Members(json);
        RequireVersion(members);
        return new LeafRecord(
            Text(members, LeafRecordMember.Service, LeafRecordRules.AliasProblem),
            Text(members, LeafRecordMember.StreamId, LeafRecordRules.StreamIdProblem),
            Counter(members, LeafRecordMember.StreamVersion),
            Counter(members, LeafRecordMember.Sequence),
            EventId(members),
            Text(members, LeafRecordMember.EventType, LeafRecordRules.AliasProblem),
            RecordedAt(members),
            Text(members, LeafRecordMember.DataSha256, LeafRecordRules.DataSha256Problem));
    }

    private static Dictionary<string, JsonElement> Members(JsonElement json)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in json.EnumerateObject())
        {
            var name = Name(member);
            if (!LeafRecordMember.All.Contains(name))
            {
                throw Invalid(name, $"is not part of leaf record version {LeafRecord.Version}");
            }

            if (!members.TryAdd(name, member.Value))
            {
                throw Invalid(name, "appears more than once");
            }
        }

        return members;
    }

    private static string Name(JsonProperty member)
    {
        try
        {
            return member.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"A leaf record member name is not well-formed Unicode. {e.Message}", e);
        }
    }

    private static void RequireVersion(Dictionary<string, JsonElement> members)
    {
        var value = Member(members, LeafRecordMember.Version, JsonValueKind.Number);
        if (!value.TryGetInt64(out var version))
        {
            throw Invalid(LeafRecordMember.Version, $"must be the integer {LeafRecord.Version}; got {value.GetRawText()}");
        }

        if (version != LeafRecord.Version)
        {
            throw Invalid(LeafRecordMember.Version, $"is {version}, but this reader knows version {LeafRecord.Version} only; verify it with a reader of that version");
        }
    }

    private static string Text(Dictionary<string, JsonElement> members, string name, Func<string, string?> rule)
    {
        var value = Member(members, name, JsonValueKind.String);
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"The leaf record member '{name}' is not well-formed Unicode. {e.Message}", e);
        }

        return rule(text) is { } problem ? throw Invalid(name, problem) : text;
    }

    private static long Counter(Dictionary<string, JsonElement> members, string name)
    {
        var value = Member(members, name, JsonValueKind.Number);
        if (!value.TryGetInt64(out var counter))
        {
            throw Invalid(name, $"must be an integer written without fraction or exponent; got {value.GetRawText()}");
        }

        return LeafRecordRules.CounterProblem(counter) is { } problem ? throw Invalid(name, problem) : counter;
    }

    private static Guid EventId(Dictionary<string, JsonElement> members)
    {
        var text = Text(members, LeafRecordMember.EventId, _ => null);
        if (!Guid.TryParseExact(text, "D", out var eventId) || text != eventId.ToString("D"))
        {
            throw Invalid(LeafRecordMember.EventId, $"must be a lowercase hyphenated GUID such as 01890a5d-ac96-774b-bcce-b302099a8057; got '{text}'");
        }

        return LeafRecordRules.EventIdProblem(eventId) is { } problem ? throw Invalid(LeafRecordMember.EventId, problem) : eventId;
    }

    private static DateTimeOffset RecordedAt(Dictionary<string, JsonElement> members)
    {
        var text = Text(members, LeafRecordMember.RecordedAt, _ => null);
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (!DateTime.TryParseExact(text, LeafRecordRules.TimestampFormat, CultureInfo.InvariantCulture, styles, out var utc)
            || text != utc.ToString(LeafRecordRules.TimestampFormat, CultureInfo.InvariantCulture))
        {
            throw Invalid(LeafRecordMember.RecordedAt, $"must be UTC with exactly six fractional digits, such as 2026-11-25T04:29:00.123450Z; got '{text}'");
        }

        return new DateTimeOffset(utc);
    }

    private static JsonElement Member(Dictionary<string, JsonElement> members, string name, JsonValueKind kind)
    {
        if (!members.TryGetValue(name, out var value))
        {
            throw Invalid(name, "is missing");
        }

        return value.ValueKind == kind ? value : throw Invalid(name, $"must be a JSON {kind.ToString().ToLowerInvariant()}; got {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    private static FormatException Invalid(string name, string problem) => new($"The leaf record member '{name}' {problem}.");
}
