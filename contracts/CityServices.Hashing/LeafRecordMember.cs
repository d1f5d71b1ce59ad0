namespace CityServices.Hashing;

/// <summary>The member names of the leaf record JSON, version 1: part of the public format.</summary>
internal static class LeafRecordMember
{
    public const string Version = "v";
    public const string Service = "service";
    public const string StreamId = "streamId";
    public const string StreamVersion = "streamVersion";
    public const string Sequence = "sequence";
    public const string EventId = "eventId";
    public const string EventType = "eventType";
    public const string RecordedAt = "recordedAt";
    public const string DataSha256 = "dataSha256";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Version, Service, StreamId, StreamVersion, Sequence, EventId, EventType, RecordedAt, DataSha256,
    };
}
