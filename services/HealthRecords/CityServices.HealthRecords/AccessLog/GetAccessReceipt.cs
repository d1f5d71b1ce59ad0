using System.Net;
using System.Security.Claims;
using CityServices.EventPipeline.Receipts;
using CityServices.EventPipeline.Relay;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Records;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.HealthRecords.AccessLog;

/// <summary>503: a dependency needed for the answer is unreachable; the request can be repeated.</summary>
public sealed class ServiceUnavailableException(string detail)
    : ProblemException(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);

/// <summary>
/// <c>GET /me/access-log/{eventId}/receipt</c>: the receipt of one access to the caller's record —
/// <c>{record, data, proof}</c>, verifiable with the chain alone (<c>city-audit verify-event</c>).
/// While no anchored checkpoint covers the event yet: 409 with <c>Retry-After</c>, as the ledger answers.
/// </summary>
public static class GetAccessReceiptEndpoint
{
    /// <summary>Seconds a client should wait before asking again for a receipt not yet anchored.</summary>
    public const int RetryAfterSeconds = 30;

    public static RouteHandlerBuilder MapAccessReceipt(this RouteGroupBuilder me) =>
        me.MapGet("/access-log/{eventId:guid}/receipt", async (
                Guid eventId, ClaimsPrincipal user, IQuerySession session, StoredEventReader events, LedgerProofClient ledger,
                HttpResponse response, CancellationToken ct) =>
            {
                var patient = Reader.Patient(user);
                var stream = await session.Events.FetchStreamAsync(patient.CitizenId, token: ct);
                var access = stream.FirstOrDefault(e => e.Id == eventId && e.Data is RecordAccessed or AccessDenied)
                    ?? throw new NotFoundException($"Your access log has no event {eventId}.");
                var stored = (await events.ReadAsync([access.Sequence], ct))[access.Sequence];

                var proof = await InclusionProofAsync(ledger, eventId, ct);
                if (proof is null)
                {
                    response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Results.Problem(
                        statusCode: StatusCodes.Status409Conflict,
                        title: "Not yet anchored",
                        detail: $"Access event {eventId} is recorded, but no checkpoint anchored on chain covers it yet; ask again in a while.");
                }

                return Results.Json(Receipt.Create(stored, HealthRecordsApi.Service, proof.Value));
            })
            .WithName("GetAccessReceipt")
            .WithSummary("The receipt of one access to your record: the leaf record, the event data and the ledger's anchored inclusion proof.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<System.Text.Json.JsonElement?> InclusionProofAsync(LedgerProofClient ledger, Guid eventId, CancellationToken ct)
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
            throw new ServiceUnavailableException("The ledger cannot be reached to prove this access; ask again in a while.");
        }
    }
}
