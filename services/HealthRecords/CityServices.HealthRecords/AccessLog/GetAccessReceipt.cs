using System.Security.Claims;
using CityServices.EventPipeline.Receipts;
using CityServices.EventPipeline.Relay;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Records;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.HealthRecords.AccessLog;

/// <summary>
/// <c>GET /me/access-log/{eventId}/receipt</c>: the receipt of one access to the caller's record —
/// <c>{record, data, proof}</c>, verifiable with the chain alone (<c>city-audit verify-event</c>).
/// Only accesses to the caller's own record are theirs to ask for; the rest is the receipts building block.
/// </summary>
public static class GetAccessReceiptEndpoint
{
    public static RouteHandlerBuilder MapAccessReceipt(this RouteGroupBuilder me) =>
        me.MapGet("/access-log/{eventId:guid}/receipt", async (
                Guid eventId, ClaimsPrincipal user, IQuerySession session, StoredEventReader events, ReceiptAnswers receipts,
                HttpResponse response, CancellationToken ct) =>
            {
                var patient = Reader.Patient(user);
                var stream = await session.Events.FetchStreamAsync(patient.CitizenId, token: ct);
                var access = stream.FirstOrDefault(e => e.Id == eventId && e.Data is RecordAccessed or AccessDenied)
                    ?? throw new NotFoundException($"Your access log has no event {eventId}.");
                var stored = (await events.ReadAsync([access.Sequence], ct))[access.Sequence];
                return await receipts.AnswerAsync(stored, response, ct);
            })
            .WithName("GetAccessReceipt")
            .WithSummary("The receipt of one access to your record: the leaf record, the event data and the ledger's anchored inclusion proof.")
            .ProducesReceipt();
}
