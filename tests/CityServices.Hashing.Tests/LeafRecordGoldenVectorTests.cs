using System.Text.Json.Nodes;

namespace CityServices.Hashing.Tests;

/// <summary>
/// contracts/vectors/leaf-record-v1.json is public and frozen: auditors recompute it with their
/// own tools, so any change to this library that moves one of its bytes must fail here.
/// </summary>
public class LeafRecordGoldenVectorTests
{
    public static TheoryData<string> Names() => new(GoldenVectors.All.Select(vector => vector.Name));

    [Fact]
    public void The_golden_file_holds_the_published_vectors()
    {
        // When
        var names = GoldenVectors.All.Select(vector => vector.Name);

        // Then
        Assert.Equal(["trade-shipment-declared", "health-record-entry-added", "sharing-number-and-string-spellings", "voting-poll-closed-empty-data"], names);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_canonical_event_data_and_its_hash_match_byte_for_byte(string name)
    {
        // Given
        var vector = GoldenVectors.Named(name);

        // When
        var canonical = CanonicalJson.Canonicalize(vector.EventDataBytes);
        var dataSha256 = EventDataHash.Compute(vector.EventDataBytes);

        // Then
        Assert.Equal(Encoding.UTF8.GetBytes(vector.CanonicalEventData), canonical);
        Assert.Equal(vector.DataSha256, Convert.ToHexStringLower(SHA256.HashData(canonical)));
        Assert.Equal(vector.DataSha256, dataSha256);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_leaf_data_and_leaf_hash_built_from_the_event_match_byte_for_byte(string name)
    {
        // Given
        var vector = GoldenVectors.Named(name);

        // When
        var record = vector.CreateRecord(vector.EventDataBytes);

        // Then
        Assert.Equal(vector.DataSha256, record.DataSha256);
        Assert.Equal(vector.DataSha256, vector.Record.GetProperty("dataSha256").GetString());
        Assert.Equal(Encoding.UTF8.GetBytes(vector.LeafData), record.ToLeafData());
        Assert.Equal(vector.LeafHash, record.LeafHashHex());
        Assert.Equal(vector.LeafHash, Convert.ToHexStringLower(SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes(vector.LeafData)])));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_golden_record_parses_to_the_record_built_from_the_event(string name)
    {
        // Given
        var vector = GoldenVectors.Named(name);

        // When
        var parsed = LeafRecord.Parse(vector.Record);

        // Then
        Assert.Equal(vector.CreateRecord(vector.EventDataBytes), parsed);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Reordering_keys_and_respacing_the_event_data_does_not_change_the_leaf_hash(string name)
    {
        // Given the same data with every object's members reversed, indented and escaped differently
        var vector = GoldenVectors.Named(name);
        var reordered = Reversed(JsonNode.Parse(vector.EventData))!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        // When
        var record = vector.CreateRecord(Encoding.UTF8.GetBytes(reordered));

        // Then
        Assert.NotEqual(vector.EventData, reordered);
        Assert.Equal(vector.LeafHash, record.LeafHashHex());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Changing_any_single_value_of_the_event_data_changes_the_leaf_hash(string name)
    {
        // Given one copy of the data per string, number and boolean in it, that one changed, and one copy with a member added
        var vector = GoldenVectors.Named(name);
        var changedCopies = ChangedCopies(JsonNode.Parse(vector.EventData)!).ToList();

        // When
        var leafHashes = changedCopies.Select(copy => vector.CreateRecord(Encoding.UTF8.GetBytes(copy.ToJsonString())).LeafHashHex()).ToList();

        // Then
        Assert.DoesNotContain(vector.LeafHash, leafHashes);
        Assert.Equal(leafHashes.Count, leafHashes.Distinct().Count());
    }

    private static JsonNode? Reversed(JsonNode? node) => node switch
    {
        JsonObject members => new JsonObject(members.Reverse().Select(member => KeyValuePair.Create(member.Key, Reversed(member.Value)))),
        JsonArray items => new JsonArray([.. items.Select(Reversed)]),
        _ => node?.DeepClone(),
    };

    private static IEnumerable<JsonNode> ChangedCopies(JsonNode data)
    {
        var scalarCount = Scalars(data).Count();
        for (var i = 0; i < scalarCount; i++)
        {
            var copy = data.DeepClone();
            var scalar = Scalars(copy).ElementAt(i);
            scalar.ReplaceWith(Changed(scalar));
            yield return copy;
        }

        var extended = data.DeepClone();
        extended.AsObject()["addedMember"] = true;
        yield return extended;
    }

    private static IEnumerable<JsonValue> Scalars(JsonNode? node) => node switch
    {
        JsonObject members => members.SelectMany(member => Scalars(member.Value)),
        JsonArray items => items.SelectMany(Scalars),
        JsonValue value => [value],
        _ => [],
    };

    private static JsonValue Changed(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => JsonValue.Create(value.GetValue<string>() + "!"),
        JsonValueKind.Number => JsonValue.Create(value.GetValue<double>() is 0 ? 1 : value.GetValue<double>() * 2),
        JsonValueKind.True => JsonValue.Create(false),
        _ => JsonValue.Create(true),
    };
}
