namespace CityServices.Hashing.Tests;

public class LeafRecordFormatTests
{
    [Fact]
    public void Leaf_data_is_the_canonical_record_with_exactly_its_nine_members()
    {
        // Given
        var record = SampleLeaf.Create();

        // When
        var leafData = Encoding.UTF8.GetString(record.ToLeafData());

        // Then
        Assert.Equal(
            "{\"dataSha256\":\"" + record.DataSha256 + "\"," +
            "\"eventId\":\"0193a6c2-7b1e-7c3d-9f00-5a4b3c2d1e0f\"," +
            "\"eventType\":\"health.record_entry_added\"," +
            "\"recordedAt\":\"2026-11-25T04:29:00.123450Z\"," +
            "\"sequence\":42," +
            "\"service\":\"health-records\"," +
            "\"streamId\":\"0193a6c2-0000-7000-8000-00000000beef\"," +
            "\"streamVersion\":3," +
            "\"v\":1}",
            leafData);
    }

    [Theory]
    [InlineData(0, "2026-11-25T04:29:00.000000Z")]
    [InlineData(10, "2026-11-25T04:29:00.000001Z")]
    [InlineData(1_234_560, "2026-11-25T04:29:00.123456Z")]
    [InlineData(9_999_990, "2026-11-25T04:29:00.999999Z")]
    public void The_time_is_written_in_UTC_with_exactly_six_fractional_digits(long ticks, string expected)
    {
        // Given
        var recordedAt = new DateTimeOffset(2026, 11, 25, 5, 29, 0, TimeSpan.FromHours(1)).AddTicks(ticks);
        var record = SampleLeaf.Create() with { RecordedAt = recordedAt };

        // When
        var leafData = Encoding.UTF8.GetString(record.ToLeafData());

        // Then
        Assert.Contains($"\"recordedAt\":\"{expected}\"", leafData, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_fields_are_escaped_as_RFC_8785_says()
    {
        // Given a stream id with characters JSON escapes, and some it must not
        var record = SampleLeaf.Create() with { StreamId = "shipment \"A/1\"\\é€\n\u0001" };

        // When
        var leafData = Encoding.UTF8.GetString(record.ToLeafData());

        // Then
        Assert.Contains("\"streamId\":\"shipment \\\"A/1\\\"\\\\é€\\n\\u0001\"", leafData, StringComparison.Ordinal);
    }

    [Fact]
    public void The_leaf_hash_is_SHA256_of_a_zero_byte_followed_by_the_leaf_data()
    {
        // Given
        var record = SampleLeaf.Create();
        byte[] hashed = [0x00, .. record.ToLeafData()];

        // When
        var leafHash = record.LeafHash();

        // Then
        Assert.Equal(SHA256.HashData(hashed), leafHash);
        Assert.Equal(Convert.ToHexStringLower(leafHash), record.LeafHashHex());
    }

    [Fact]
    public void Changing_any_field_changes_the_leaf_hash()
    {
        // Given
        var record = SampleLeaf.Create();
        LeafRecord[] variants =
        [
            record with { Service = "trade" },
            record with { StreamId = record.StreamId + "0" },
            record with { StreamVersion = record.StreamVersion + 1 },
            record with { Sequence = record.Sequence + 1 },
            record with { EventId = Guid.Parse("0193a6c2-7b1e-7c3d-9f00-5a4b3c2d1e10") },
            record with { EventType = "health.record_entry_corrected" },
            record with { RecordedAt = record.RecordedAt.AddTicks(10) },
            record with { DataSha256 = EventDataHash.Compute("{}"u8) },
        ];

        // When
        var hashes = variants.Select(variant => variant.LeafHashHex()).Append(record.LeafHashHex());

        // Then
        Assert.Equal(variants.Length + 1, hashes.Distinct().Count());
    }
}
