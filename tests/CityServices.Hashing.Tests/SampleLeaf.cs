namespace CityServices.Hashing.Tests;

/// <summary>One valid event and its leaf record, the starting point tests vary one thing of.</summary>
internal static class SampleLeaf
{
    public const string Service = "health-records";
    public const string StreamId = "0193a6c2-0000-7000-8000-00000000beef";
    public const string EventType = "health.record_entry_added";

    public static readonly Guid EventId = Guid.Parse("0193a6c2-7b1e-7c3d-9f00-5a4b3c2d1e0f");

    public static readonly DateTimeOffset RecordedAt = new(2026, 11, 25, 4, 29, 0, 123, 450, TimeSpan.Zero);

    public static byte[] EventData => """{ "keyVersion": 3, "ciphertextSha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }"""u8.ToArray();

    public static LeafRecord Create() =>
        LeafRecord.Create(Service, StreamId, 3, 42, EventId, EventType, RecordedAt, EventData);
}
