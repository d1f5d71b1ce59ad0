using System.Text.Json;
using CityServices.Hashing;

namespace CityServices.EventPipeline.TestService.Testing;

/// <summary>One NDJSON line of the audit export, read as an auditor reads it; <c>Raw</c> is the line as served.</summary>
public sealed record ExportLine(LeafRecord Record, string Data, string Raw)
{
    public static ExportLine Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new ExportLine(LeafRecord.Parse(root.GetProperty("record")), root.GetProperty("data").GetRawText(), line);
    }
}
