using System.Security.Claims;
using CityServices.ServiceDefaults.Paging;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary>
/// <c>GET /patients/{citizenId}/record?purpose=consent|emergency&amp;reason=…</c>: a doctor or nurse
/// reads a patient's record under the patient's consent or in an emergency. Logged before answered;
/// a refusal is logged too.
/// </summary>
public static class ReadPatientRecord
{
    public static RouteHandlerBuilder MapReadPatientRecord(this RouteGroupBuilder patients) =>
        patients.MapGet("/{citizenId:guid}/record", async (
                Guid citizenId, string? purpose, string? reason, int? limit, string? cursor, ClaimsPrincipal user, LoggedReads reads, HttpContext http,
                CancellationToken ct) =>
            {
                var page = PageRequest.From(limit, cursor);
                var read = await reads.ReadAsync(citizenId, ReadRoutes.StaffRead(user, purpose, reason, AccessTarget.Record), http.Response, ct);
                return TypedResults.Ok(RecordView.From(read, page, http));
            })
            .WithName("ReadPatientRecord")
            .WithSummary("A patient's record, for a doctor or nurse with the patient's read consent or in an emergency (purpose=emergency&reason=…, flagged).")
            .ProducesReadRefusals();
}
