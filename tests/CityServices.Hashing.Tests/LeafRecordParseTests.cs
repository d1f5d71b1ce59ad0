using System.Text.Json.Nodes;

namespace CityServices.Hashing.Tests;

public class LeafRecordParseTests
{
    public static TheoryData<string, string?, string> BrokenMembers() => new()
    {
        { "v", null, "'v' is missing" },
        { "v", "2", "knows version 1 only" },
        { "v", "\"1\"", "'v' must be a JSON number" },
        { "v", "1.0", "'v' must be the integer 1" },
        { "service", null, "'service' is missing" },
        { "service", "\"Health-Records\"", "'service' must be a lowercase alias" },
        { "streamId", "42", "'streamId' must be a JSON string" },
        { "streamId", "\"\"", "'streamId' must not be empty" },
        { "streamVersion", "0", "'streamVersion' must be between 1 and 2^53" },
        { "streamVersion", "1.5", "'streamVersion' must be an integer" },
        { "streamVersion", "\"3\"", "'streamVersion' must be a JSON number" },
        { "sequence", "9007199254740993", "'sequence' must be between 1 and 2^53" },
        { "sequence", "null", "'sequence' must be a JSON number" },
        { "eventId", "\"0193A6C2-7B1E-7C3D-9F00-5A4B3C2D1E0F\"", "'eventId' must be a lowercase hyphenated GUID" },
        { "eventId", "\"0193a6c27b1e7c3d9f005a4b3c2d1e0f\"", "'eventId' must be a lowercase hyphenated GUID" },
        { "eventId", "\"{0193a6c2-7b1e-7c3d-9f00-5a4b3c2d1e0f}\"", "'eventId' must be a lowercase hyphenated GUID" },
        { "eventId", "\"00000000-0000-0000-0000-000000000000\"", "'eventId' must not be the empty GUID" },
        { "eventType", "\"RecordEntryAdded\"", "'eventType' must be a lowercase alias" },
        { "recordedAt", "\"2026-11-25T04:29:00.12345Z\"", "'recordedAt' must be UTC with exactly six fractional digits" },
        { "recordedAt", "\"2026-11-25T04:29:00.1234500Z\"", "'recordedAt' must be UTC with exactly six fractional digits" },
        { "recordedAt", "\"2026-11-25T04:29:00Z\"", "'recordedAt' must be UTC with exactly six fractional digits" },
        { "recordedAt", "\"2026-11-25T04:29:00.123450+00:00\"", "'recordedAt' must be UTC with exactly six fractional digits" },
        { "recordedAt", "\"2026-11-25 04:29:00.123450Z\"", "'recordedAt' must be UTC with exactly six fractional digits" },
        { "recordedAt", "\"2026-02-30T04:29:00.123450Z\"", "'recordedAt' must be UTC with exactly six fractional digits" },
        { "dataSha256", "\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"", "'dataSha256' must be 64 lowercase hex digits" },
        { "dataSha256", "\"9f86d081\"", "'dataSha256' must be 64 lowercase hex digits" },
        { "extra", "true", "'extra' is not part of leaf record version 1" },
    };

    public static TheoryData<long, long> Counters() => new() { { 1, 1 }, { 3, 42 }, { 9007199254740992, 9007199254740992 } };

    [Theory]
    [MemberData(nameof(Counters))]
    public void Parsing_the_leaf_data_gives_back_the_same_record(long streamVersion, long sequence)
    {
        // Given
        var record = SampleLeaf.Create() with { StreamVersion = streamVersion, Sequence = sequence };

        // When
        var parsed = LeafRecord.Parse(record.ToLeafData());

        // Then
        Assert.Equal(record, parsed);
        Assert.Equal(record.ToLeafData(), parsed.ToLeafData());
    }

    [Fact]
    public void A_record_inside_a_receipt_parses_from_its_element()
    {
        // Given
        var record = SampleLeaf.Create();
        var receipt = $"{{ \"record\": {Encoding.UTF8.GetString(record.ToLeafData())}, \"data\": {{}}, \"proof\": {{}} }}";
        using var document = JsonDocument.Parse(receipt);

        // When
        var parsed = LeafRecord.Parse(document.RootElement.GetProperty("record"));

        // Then
        Assert.Equal(record, parsed);
    }

    [Fact]
    public void Member_order_and_whitespace_do_not_matter_because_the_leaf_data_is_recomputed()
    {
        // Given the record as an export might print it
        var record = SampleLeaf.Create();
        var members = JsonNode.Parse(record.ToLeafData())!.AsObject().Reverse().ToList();
        var pretty = new JsonObject(members.Select(member => KeyValuePair.Create(member.Key, member.Value?.DeepClone()))).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        // When
        var parsed = LeafRecord.Parse(Encoding.UTF8.GetBytes(pretty));

        // Then
        Assert.Equal(record.LeafHashHex(), parsed.LeafHashHex());
    }

    [Theory]
    [MemberData(nameof(BrokenMembers))]
    public void A_broken_member_is_rejected_by_name(string member, string? replacementJson, string expectedMessage)
    {
        // Given the sample leaf data with one member replaced, or removed when the replacement is null
        var json = JsonNode.Parse(SampleLeaf.Create().ToLeafData())!.AsObject();
        json.Remove(member);
        if (replacementJson is not null)
        {
            json[member] = JsonNode.Parse(replacementJson);
        }

        // When
        var error = Assert.Throws<FormatException>(() => LeafRecord.Parse(Encoding.UTF8.GetBytes(json.ToJsonString())));

        // Then
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_member_is_rejected_by_name()
    {
        // Given
        var leafData = Encoding.UTF8.GetString(SampleLeaf.Create().ToLeafData());
        var repeated = leafData.Replace("\"v\":1}", "\"v\":1,\"sequence\":43}", StringComparison.Ordinal);

        // When
        var error = Assert.Throws<FormatException>(() => LeafRecord.Parse(Encoding.UTF8.GetBytes(repeated)));

        // Then
        Assert.Contains("'sequence' appears more than once", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"record\"")]
    [InlineData("null")]
    public void Anything_but_an_object_is_rejected(string json)
    {
        // When
        var error = Assert.Throws<FormatException>(() => LeafRecord.Parse(Encoding.UTF8.GetBytes(json)));

        // Then
        Assert.Contains("is a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_rejected()
    {
        // When
        var error = Assert.Throws<FormatException>(() => LeafRecord.Parse("{\"v\":1,"u8));

        // Then
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
