using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CityServices.Hashing.Merkle;

namespace CityServices.Hashing;

/// <summary>
/// The leaf record, version 1: what the Merkle log commits to for one stored event. It names the
/// event and carries only the hash of its data, so no personal data ever reaches the ledger.
/// A public format that never changes in place: a change is a new <see cref="Version"/>.
/// </summary>
/// <remarks>
/// Every instance is valid: the constructor and <c>with</c> expressions run the same checks,
/// so an invalid record can never be serialized or hashed. See docs/leaf-record.md.
/// </remarks>
public sealed record LeafRecord
{
    /// <summary>The value of the <c>v</c> member this type reads and writes.</summary>
    public const int Version = 1;

    /// <summary>The longest <c>service</c> or <c>eventType</c> alias a leaf record accepts.</summary>
    public const int LongestAlias = LeafRecordRules.LongestAlias;

    /// <summary>
    /// Whether <paramref name="alias"/> can stand as a leaf record's <c>service</c> or <c>eventType</c>
    /// (docs/leaf-record.md): for anyone who must refuse what could never become a leaf.
    /// </summary>
    public static bool IsValidAlias(string? alias) => alias is { Length: > 0 } && LeafRecordRules.AliasProblem(alias) is null;

    /// <summary>Creates a record from its fields; prefer <see cref="Create"/>, which also hashes the event data.</summary>
    /// <exception cref="ArgumentException">A field breaks its rule; the message names the field and the rule.</exception>
    public LeafRecord(string service, string streamId, long streamVersion, long sequence, Guid eventId, string eventType, DateTimeOffset recordedAt, string dataSha256)
    {
        Service = service;
        StreamId = streamId;
        StreamVersion = streamVersion;
        Sequence = sequence;
        EventId = eventId;
        EventType = eventType;
        RecordedAt = recordedAt;
        DataSha256 = dataSha256;
    }

    /// <summary>The service that stored the event, a lowercase alias such as <c>health-records</c>.</summary>
    public string Service { get; init => field = LeafRecordRules.Require(value, LeafRecordRules.AliasProblem, nameof(Service)); }

    /// <summary>The Marten stream (aggregate) the event belongs to; any non-empty text.</summary>
    public string StreamId { get; init => field = LeafRecordRules.Require(value, LeafRecordRules.StreamIdProblem, nameof(StreamId)); }

    /// <summary>The event's position in its stream, from 1.</summary>
    public long StreamVersion { get; init => field = LeafRecordRules.Require(value, LeafRecordRules.CounterProblem, nameof(StreamVersion)); }

    /// <summary>The event's position in the service's global event sequence, from 1.</summary>
    public long Sequence { get; init => field = LeafRecordRules.Require(value, LeafRecordRules.CounterProblem, nameof(Sequence)); }

    /// <summary>The event's unique id.</summary>
    public Guid EventId { get; init => field = LeafRecordRules.Require(value, LeafRecordRules.EventIdProblem, nameof(EventId)); }

    /// <summary>A stable alias of the event type such as <c>health.record_entry_added</c>, never a CLR type name.</summary>
    public string EventType { get; init => field = LeafRecordRules.Require(value, LeafRecordRules.AliasProblem, nameof(EventType)); }

    /// <summary>When the event was stored, kept in UTC with at most microsecond precision (never rounded here).</summary>
    public DateTimeOffset RecordedAt { get; init => field = LeafRecordRules.Require(value, LeafRecordRules.RecordedAtProblem, nameof(RecordedAt)).ToUniversalTime(); }

    /// <summary>Lowercase hex SHA-256 of the RFC 8785 canonical event data (<see cref="EventDataHash"/>).</summary>
    public string DataSha256 { get; init => field = LeafRecordRules.Require(value, LeafRecordRules.DataSha256Problem, nameof(DataSha256)); }

    /// <summary>Builds the record of a stored event, hashing its data.</summary>
    /// <exception cref="ArgumentException">A field breaks its rule; the message names the field and the rule.</exception>
    /// <exception cref="CanonicalJsonException">The event data cannot be canonicalized.</exception>
    public static LeafRecord Create(string service, string streamId, long streamVersion, long sequence, Guid eventId, string eventType, DateTimeOffset recordedAt, ReadOnlySpan<byte> eventDataUtf8Json) =>
        new(service, streamId, streamVersion, sequence, eventId, eventType, recordedAt, EventDataHash.Compute(eventDataUtf8Json));

    /// <summary>Reads a leaf record strictly: <c>v</c> must be 1 and every member present, well-typed and known.</summary>
    /// <exception cref="FormatException">The JSON is not a version 1 leaf record; the message names the member.</exception>
    public static LeafRecord Parse(JsonElement json) => LeafRecordReader.Read(json);

    /// <summary>Reads a leaf record from UTF-8 JSON text, as strictly as <see cref="Parse(JsonElement)"/>.</summary>
    /// <exception cref="FormatException">The text is not JSON or not a version 1 leaf record.</exception>
    public static LeafRecord Parse(ReadOnlySpan<byte> utf8Json) => LeafRecordReader.Read(utf8Json);

    /// <summary>The leaf data: UTF-8 of the record as RFC 8785 canonical JSON, the bytes the Merkle leaf hashes.</summary>
    public byte[] ToLeafData()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber(LeafRecordMember.Version, Version);
            json.WriteString(LeafRecordMember.Service, Service);
            json.WriteString(LeafRecordMember.StreamId, StreamId);
            json.WriteNumber(LeafRecordMember.StreamVersion, StreamVersion);
            json.WriteNumber(LeafRecordMember.Sequence, Sequence);
            json.WriteString(LeafRecordMember.EventId, EventId.ToString("D"));
            json.WriteString(LeafRecordMember.EventType, EventType);
            json.WriteString(LeafRecordMember.RecordedAt, RecordedAt.UtcDateTime.ToString(LeafRecordRules.TimestampFormat, CultureInfo.InvariantCulture));
            json.WriteString(LeafRecordMember.DataSha256, DataSha256);
            json.WriteEndObject();
        }

        // The writer's escaping and member order are not JCS; canonicalizing its output is.
        return CanonicalJson.Canonicalize(buffer.WrittenSpan);
    }

    /// <summary>The Merkle leaf hash, SHA-256(0x00 ‖ leaf data), as RFC 9162 defines it.</summary>
    public byte[] LeafHash() => MerkleHash.Leaf(ToLeafData());

    /// <summary>The Merkle leaf hash as lowercase hex, the form proofs and APIs use.</summary>
    public string LeafHashHex() => Hex.Encode(LeafHash());
}
