using System.Text.Json;
using CityServices.Hashing;

namespace CityServices.EventPipeline.Tests.Support;

/// <summary>One NDJSON line of the audit export, read as an auditor reads it.</summary>
internal sealed record ExportLine(LeafRecord Record, string Data)
{
    public static ExportLine Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new ExportLine(LeafRecord.Parse(root.GetProperty("record")), root.GetProperty("data").GetRawText());
    }
}
