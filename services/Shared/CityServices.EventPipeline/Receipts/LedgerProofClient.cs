using System.Net;
using System.Text.Json;

namespace CityServices.EventPipeline.Receipts;

/// <summary>
/// Reads inclusion proofs from the ledger's public API, for services that hand out receipts.
/// Proofs are public hashes, not business data, so fetching them over HTTP is in keeping with
/// services never sharing data. Registered with <c>AddLedgerProofs</c>; base address
/// <c>Ledger:BaseUrl</c>.
/// </summary>
public sealed class LedgerProofClient(HttpClient http)
{
    /// <summary>The event's inclusion proof against the latest anchored checkpoint, or null while none covers it yet.</summary>
    /// <exception cref="HttpRequestException">The ledger does not know the event or failed.</exception>
    public async Task<JsonElement?> InclusionProofAsync(Guid eventId, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri($"api/ledger/events/{eventId:D}/proof", UriKind.Relative), ct);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return null; // in the log, not yet anchored: the caller may offer the receipt later
        }

        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return document.RootElement.Clone();
    }
}
