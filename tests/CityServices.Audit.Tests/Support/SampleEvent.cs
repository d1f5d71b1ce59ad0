using System.Text;

namespace CityServices.Audit.Tests.Support;

/// <summary>A stored event as a department holds it: its data and its leaf record.</summary>
internal sealed record SampleEvent(LeafRecord Record, JsonObject Data)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);

    public static SampleEvent Create(string service, long sequence, string note = "checked")
    {
        var data = new JsonObject { ["shipmentId"] = $"S-{sequence}", ["note"] = note, ["netMassKg"] = 12.5 * sequence };
        var record = LeafRecord.Create(service, $"stream-{sequence % 3}", sequence, sequence, Guid.CreateVersion7(),
            "trade.shipment_declared", Start.AddMicroseconds(sequence * 1234567), Encoding.UTF8.GetBytes(data.ToJsonString()));
        return new SampleEvent(record, data);
    }

    public Guid Id => Record.EventId;

    public byte[] LeafHash => Record.LeafHash();

    /// <summary>The record as JSON, members as in the golden vectors.</summary>
    public JsonNode RecordJson() => JsonNode.Parse(Record.ToLeafData())!;

    /// <summary>The same event with its data changed after its record was built (a tampered database row).</summary>
    public SampleEvent WithAlteredData() => this with { Data = new JsonObject { ["shipmentId"] = Data["shipmentId"]!.GetValue<string>(), ["note"] = "rewritten", ["netMassKg"] = 1 } };

    /// <summary>An audit-export line: {record, data}.</summary>
    public string ExportLine() => new JsonObject { ["record"] = RecordJson(), ["data"] = Data.DeepClone() }.ToJsonString();
}
