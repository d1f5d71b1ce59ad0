using System.Text.Json;
using CityServices.Audit.Ledger;
using CityServices.Audit.Output;

namespace CityServices.Audit.Verification;

/// <summary>
/// An audit-export line <c>{record, data}</c> or a receipt <c>{record, data, proof}</c>
/// (docs/architecture.md, "Receipts" and "The audit export"). The record is kept as JSON: the
/// verifier reads it strictly and reports a malformed one as a failed check, not a crash.
/// </summary>
public sealed record EventDocument(JsonElement Record, JsonElement Data, InclusionProof? Proof)
{
    public static EventDocument Parse(string json, string source)
    {
        using var document = ParseJson(json, source);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("record", out var record)
            || !root.TryGetProperty("data", out var data))
        {
            throw new AuditInputException($"{source} is neither an audit-export line {{record, data}} nor a receipt {{record, data, proof}}.");
        }

        var proof = root.TryGetProperty("proof", out var proofJson) ? ReadProof(proofJson, source) : null;
        return new EventDocument(record.Clone(), data.Clone(), proof);
    }

    private static JsonDocument ParseJson(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new AuditInputException($"{source} is not JSON: {e.Message}", e);
        }
    }

    private static InclusionProof ReadProof(JsonElement json, string source)
    {
        try
        {
            return json.Deserialize<InclusionProof>(AuditJson.Options)
                ?? throw new AuditInputException($"{source}: the receipt's proof is null.");
        }
        catch (JsonException e)
        {
            throw new AuditInputException($"{source}: the receipt's proof is not an inclusion proof as docs/ledger-api.md defines it: {e.Message}", e);
        }
    }
}
