using System.Text;
using CityServices.Hashing;

namespace CityServices.EventPipeline.Relay;

/// <summary>
/// One row of the service's event table as PostgreSQL keeps it. The leaf record is built from
/// this (never from a re-serialised CLR object), so the relay, the audit export and an auditor
/// holding the export all hash the same bytes.
/// </summary>
public sealed record StoredEvent(
    long Sequence,
    Guid EventId,
    Guid StreamId,
    long StreamVersion,
    string EventType,
    DateTimeOffset RecordedAt,
    string Data)
{
    public LeafRecord ToLeafRecord(string service) => LeafRecord.Create(
        service,
        StreamId.ToString("D"),
        StreamVersion,
        Sequence,
        EventId,
        EventType,
        RecordedAt,
        Encoding.UTF8.GetBytes(Data));
}
