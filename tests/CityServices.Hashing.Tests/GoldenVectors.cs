using System.Globalization;

namespace CityServices.Hashing.Tests;

/// <summary>One entry of contracts/vectors/leaf-record-v1.json.</summary>
internal sealed record GoldenVector(string Name, string EventData, string CanonicalEventData, string DataSha256, JsonElement Record, string LeafData, string LeafHash)
{
    public byte[] EventDataBytes => Encoding.UTF8.GetBytes(EventData);

    /// <summary>The record built from the event, reading the golden fields one by one rather than through LeafRecord.Parse.</summary>
    public LeafRecord CreateRecord(ReadOnlySpan<byte> eventData) => LeafRecord.Create(
        Record.GetProperty("service").GetString()!,
        Record.GetProperty("streamId").GetString()!,
        Record.GetProperty("streamVersion").GetInt64(),
        Record.GetProperty("sequence").GetInt64(),
        Record.GetProperty("eventId").GetGuid(),
        Record.GetProperty("eventType").GetString()!,
        DateTimeOffset.Parse(Record.GetProperty("recordedAt").GetString()!, CultureInfo.InvariantCulture),
        eventData);
}

/// <summary>The published golden vectors, copied next to the tests from contracts/vectors/.</summary>
internal static class GoldenVectors
{
    public static IReadOnlyList<GoldenVector> All { get; } = Load();

    public static GoldenVector Named(string name) => All.Single(vector => vector.Name == name);

    private static List<GoldenVector> Load()
    {
        using var file = JsonDocument.Parse(VectorFiles.Bytes("Golden/leaf-record-v1.json"));
        return file.RootElement.GetProperty("vectors").Deserialize<List<GoldenVector>>(JsonSerializerOptions.Web)!;
    }
}
