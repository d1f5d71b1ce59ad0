namespace CityServices.Hashing.Tests;

public class LeafRecordCreateTests
{
    [Fact]
    public void Create_hashes_the_canonical_form_of_the_event_data()
    {
        // Given
        var canonical = """{"ciphertextSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","keyVersion":3}"""u8;

        // When
        var record = SampleLeaf.Create();

        // Then
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(canonical)), record.DataSha256);
        Assert.Equal(EventDataHash.Compute(SampleLeaf.EventData), record.DataSha256);
    }

    [Theory]
    [InlineData("health-records")]
    [InlineData("trade")]
    [InlineData("health.record_entry_added")]
    [InlineData("voting.ballot_cast")]
    [InlineData("sharing.v2.booking-made")]
    [InlineData("a1")]
    public void Lowercase_aliases_are_accepted_as_service_and_event_type(string alias)
    {
        // When
        var record = LeafRecord.Create(alias, SampleLeaf.StreamId, 1, 1, SampleLeaf.EventId, alias, SampleLeaf.RecordedAt, "{}"u8);

        // Then
        Assert.Equal(alias, record.Service);
        Assert.Equal(alias, record.EventType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Health-records")]
    [InlineData("health records")]
    [InlineData("-health")]
    [InlineData("health-")]
    [InlineData("health--records")]
    [InlineData("health._records")]
    [InlineData("1health")]
    [InlineData("héalth")]
    [InlineData("CityServices.HealthRecords.RecordEntryAdded")]
    [InlineData("health\n")]
    public void Anything_but_a_lowercase_alias_is_rejected_as_service_or_event_type(string alias)
    {
        // When
        var serviceError = Assert.Throws<ArgumentException>(() => LeafRecord.Create(alias, SampleLeaf.StreamId, 1, 1, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, "{}"u8));
        var eventTypeError = Assert.Throws<ArgumentException>(() => LeafRecord.Create(SampleLeaf.Service, SampleLeaf.StreamId, 1, 1, SampleLeaf.EventId, alias, SampleLeaf.RecordedAt, "{}"u8));

        // Then
        Assert.Equal(nameof(LeafRecord.Service), serviceError.ParamName);
        Assert.Equal(nameof(LeafRecord.EventType), eventTypeError.ParamName);
        Assert.Contains("lowercase alias", serviceError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_longer_than_128_characters_is_rejected()
    {
        // Given
        var alias = new string('a', 129);

        // When, then
        Assert.Throws<ArgumentException>(() => LeafRecord.Create(alias, SampleLeaf.StreamId, 1, 1, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, "{}"u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9007199254740993)]
    [InlineData(long.MaxValue)]
    public void Stream_versions_and_sequences_outside_1_to_2_to_the_53_are_rejected(long counter)
    {
        // When
        var versionError = Assert.Throws<ArgumentException>(() => LeafRecord.Create(SampleLeaf.Service, SampleLeaf.StreamId, counter, 1, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, "{}"u8));
        var sequenceError = Assert.Throws<ArgumentException>(() => LeafRecord.Create(SampleLeaf.Service, SampleLeaf.StreamId, 1, counter, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, "{}"u8));

        // Then
        Assert.Equal(nameof(LeafRecord.StreamVersion), versionError.ParamName);
        Assert.Equal(nameof(LeafRecord.Sequence), sequenceError.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9007199254740992)]
    public void Stream_versions_and_sequences_from_1_to_2_to_the_53_are_accepted(long counter)
    {
        // When
        var record = LeafRecord.Create(SampleLeaf.Service, SampleLeaf.StreamId, counter, counter, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, "{}"u8);

        // Then
        Assert.Equal((counter, counter), (record.StreamVersion, record.Sequence));
    }

    [Fact]
    public void The_empty_event_id_is_rejected()
    {
        // When
        var error = Assert.Throws<ArgumentException>(() => LeafRecord.Create(SampleLeaf.Service, SampleLeaf.StreamId, 1, 1, Guid.Empty, SampleLeaf.EventType, SampleLeaf.RecordedAt, "{}"u8));

        // Then
        Assert.Equal(nameof(LeafRecord.EventId), error.ParamName);
    }

    [Fact]
    public void An_empty_stream_id_is_rejected()
    {
        // When
        var error = Assert.Throws<ArgumentException>(() => LeafRecord.Create(SampleLeaf.Service, string.Empty, 1, 1, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, "{}"u8));

        // Then
        Assert.Equal(nameof(LeafRecord.StreamId), error.ParamName);
    }

    [Fact]
    public void A_stream_id_with_a_lone_surrogate_is_rejected()
    {
        // Given text JSON cannot carry (built at run time: attribute metadata would mangle it)
        var streamId = "patient-" + (char)0xD800;

        // When
        var error = Assert.Throws<ArgumentException>(() => LeafRecord.Create(SampleLeaf.Service, streamId, 1, 1, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, "{}"u8));

        // Then
        Assert.Equal(nameof(LeafRecord.StreamId), error.ParamName);
    }

    [Fact]
    public void A_time_with_sub_microsecond_ticks_is_rejected_rather_than_rounded()
    {
        // Given a .NET clock reading with 100 ns ticks PostgreSQL would not keep
        var recordedAt = SampleLeaf.RecordedAt.AddTicks(7);

        // When
        var error = Assert.Throws<ArgumentException>(() => LeafRecord.Create(SampleLeaf.Service, SampleLeaf.StreamId, 1, 1, SampleLeaf.EventId, SampleLeaf.EventType, recordedAt, "{}"u8));

        // Then
        Assert.Equal(nameof(LeafRecord.RecordedAt), error.ParamName);
        Assert.Contains("microsecond", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_with_an_offset_is_kept_as_the_same_instant_in_UTC()
    {
        // Given
        var local = new DateTimeOffset(2026, 11, 25, 6, 29, 0, 123, 450, TimeSpan.FromHours(2));

        // When
        var record = LeafRecord.Create(SampleLeaf.Service, SampleLeaf.StreamId, 1, 1, SampleLeaf.EventId, SampleLeaf.EventType, local, "{}"u8);

        // Then
        Assert.Equal(TimeSpan.Zero, record.RecordedAt.Offset);
        Assert.Equal(SampleLeaf.RecordedAt.UtcTicks, record.RecordedAt.UtcTicks);
    }

    [Fact]
    public void Event_data_that_cannot_be_canonicalized_is_rejected()
    {
        // Given money sent as a number too large to stay exact
        var eventData = """{ "amountMinorUnits": 123456789012345678 }"""u8.ToArray();

        // When, then
        Assert.Throws<CanonicalJsonException>(() => LeafRecord.Create(SampleLeaf.Service, SampleLeaf.StreamId, 1, 1, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, eventData));
    }

    [Fact]
    public void A_with_expression_is_checked_like_the_constructor()
    {
        // Given
        var record = SampleLeaf.Create();

        // When
        var error = Assert.Throws<ArgumentException>(() => record with { Sequence = 0 });

        // Then
        Assert.Equal(nameof(LeafRecord.Sequence), error.ParamName);
    }

    [Theory]
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")]
    [InlineData("0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a")]
    public void A_data_hash_that_is_not_64_lowercase_hex_digits_is_rejected(string dataSha256)
    {
        // When
        var error = Assert.Throws<ArgumentException>(() => new LeafRecord(SampleLeaf.Service, SampleLeaf.StreamId, 1, 1, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, dataSha256));

        // Then
        Assert.Equal(nameof(LeafRecord.DataSha256), error.ParamName);
    }

    [Fact]
    public void A_missing_text_field_is_rejected_as_null()
    {
        // When
        var error = Assert.Throws<ArgumentNullException>(() => new LeafRecord(null!, SampleLeaf.StreamId, 1, 1, SampleLeaf.EventId, SampleLeaf.EventType, SampleLeaf.RecordedAt, new string('0', 64)));

        // Then
        Assert.Equal(nameof(LeafRecord.Service), error.ParamName);
    }

    [Fact]
    public void The_data_hash_is_the_same_for_text_and_for_a_parsed_element()
    {
        // Given
        using var document = System.Text.Json.JsonDocument.Parse(SampleLeaf.EventData);

        // When
        var fromElement = EventDataHash.Compute(document.RootElement);

        // Then
        Assert.Equal(EventDataHash.Compute(Encoding.UTF8.GetBytes(document.RootElement.GetRawText())), fromElement);
    }
}
