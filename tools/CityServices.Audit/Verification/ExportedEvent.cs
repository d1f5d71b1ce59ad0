using System.Text.Json;
using CityServices.Audit.Export;
using CityServices.Hashing;

namespace CityServices.Audit.Verification;

/// <summary>What an export line says about its event, with the hashes recomputed from it.</summary>
public sealed record ExportedEvent(long Line, Guid EventId, string Service, long Sequence, string LeafHash, string? DataProblem)
{
    /// <summary>The event of a line, or the reason the line is unreadable.</summary>
    public static (ExportedEvent? Event, string? Problem) Read(ExportLine line)
    {
        try
        {
            var document = EventDocument.Parse(line.Text, $"line {line.Number}");
            var record = LeafRecord.Parse(document.Record);
            var dataHash = EventDataHash.Compute(document.Data);
            var problem = dataHash == record.DataSha256 ? null : $"the data hashes to {dataHash}, but its record says {record.DataSha256}";
            return (new ExportedEvent(line.Number, record.EventId, record.Service, record.Sequence, record.LeafHashHex(), problem), null);
        }
        catch (Exception e) when (e is FormatException or JsonException or CanonicalJsonException or Output.AuditInputException)
        {
            return (null, $"line {line.Number}: {e.Message}");
        }
    }
}
