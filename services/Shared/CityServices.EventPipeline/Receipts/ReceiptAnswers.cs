using System.Globalization;
using System.Net;
using CityServices.EventPipeline.Relay;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CityServices.EventPipeline.Receipts;

/// <summary>
/// Answers a receipt for one of this service's stored events: <c>{record, data, proof}</c> once an
/// anchored checkpoint covers it; until then 409 with <c>Retry-After</c>, as the ledger answers;
/// 503 when the ledger cannot be reached. Which events a caller may ask for is the route's call.
/// </summary>
public sealed class ReceiptAnswers(LedgerProofClient ledger, CityService service)
{
    /// <summary>Seconds a client should wait before asking again for a receipt not yet anchored.</summary>
    public const int RetryAfterSeconds = 30;

    public async Task<IResult> AnswerAsync(StoredEvent stored, HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(response);
        var proof = await InclusionProofAsync(stored.EventId, ct);
        if (proof is null)
        {
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Not yet anchored",
                detail: $"Event {stored.EventId} is recorded, but no checkpoint anchored on chain covers it yet; ask again in a while.");
        }

        return Results.Json(Receipt.Create(stored, service.Alias, proof.Value));
    }

    private async Task<System.Text.Json.JsonElement?> InclusionProofAsync(Guid eventId, CancellationToken ct)
    {
        try
        {
            return await ledger.InclusionProofAsync(eventId, ct);
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // stored here, on its way to the ledger: not anchored yet either
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new ServiceUnavailableException("The ledger cannot be reached to prove this event; ask again in a while.");
        }
    }
}

public static class ReceiptRoutes
{
    /// <summary>The responses a receipt route gives, beside the 401/403/404 of finding the event.</summary>
    public static RouteHandlerBuilder ProducesReceipt(this RouteHandlerBuilder route) =>
        route.Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
