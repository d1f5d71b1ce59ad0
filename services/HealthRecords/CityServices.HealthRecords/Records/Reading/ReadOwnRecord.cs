using System.Security.Claims;
using CityServices.HealthRecords.Access;
using CityServices.ServiceDefaults.Paging;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary><c>GET /me/record</c>: patients read their own record; the read is logged with purpose <c>self</c>.</summary>
public static class ReadOwnRecord
{
    public static RouteHandlerBuilder MapReadOwnRecord(this RouteGroupBuilder me) =>
        me.MapGet("/record", async (int? limit, string? cursor, ClaimsPrincipal user, LoggedReads reads, HttpContext http, CancellationToken ct) =>
            {
                var page = PageRequest.From(limit, cursor);
                var patient = Reader.Patient(user);
                var read = await reads.ReadAsync(patient.CitizenId, (patient, new ReadRequest(AccessPurpose.Self, null, AccessTarget.Record, null)), http.Response, ct);
                return TypedResults.Ok(RecordView.From(read, page, http));
            })
            .WithName("ReadOwnRecord")
            .WithSummary("Your own record with its entries decrypted. The read is logged (purpose self) before it is answered.")
            .ProducesReadRefusals();
}
