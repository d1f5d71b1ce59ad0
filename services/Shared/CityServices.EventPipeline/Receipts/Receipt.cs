using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityServices.EventPipeline.Relay;

namespace CityServices.EventPipeline.Receipts;

/// <summary>
/// A self-contained proof of one stored event: <c>{ "record", "data", "proof" }</c>
/// (docs/ledger-api.md). Whoever holds it — a voter for a ballot, a patient for an access to
/// their record — verifies it with the chain alone (<c>city-audit verify-event</c>).
/// </summary>
public static class Receipt
{
    /// <summary>Builds the receipt of <paramref name="stored"/> around the ledger's inclusion proof for it.</summary>
    /// <exception cref="InvalidOperationException">The proof is for another event or leaf.</exception>
    public static JsonObject Create(StoredEvent stored, string service, JsonElement inclusionProof)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var record = stored.ToLeafRecord(service);
        var leafHash = Hashing.Hex.Encode(record.LeafHash());
        if (!inclusionProof.TryGetProperty("eventId", out var eventId) || eventId.GetGuid() != stored.EventId
            || !inclusionProof.TryGetProperty("leafHash", out var provenLeaf) || provenLeaf.GetString() != leafHash)
        {
            throw new InvalidOperationException(
                $"The ledger's proof is not for event {stored.EventId} with leaf hash {leafHash}: the service and the ledger disagree.");
        }

        return new JsonObject
        {
            ["record"] = JsonNode.Parse(record.ToLeafData()),
            ["data"] = JsonNode.Parse(Encoding.UTF8.GetBytes(stored.Data)),
            ["proof"] = JsonNode.Parse(inclusionProof.GetRawText()),
        };
    }
}
