using System.Security.Claims;
using CityServices.HealthRecords.Access;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary><c>GET /me/record</c>: patients read their own record; the read is logged with purpose <c>self</c>.</summary>
public static class ReadOwnRecord
{
    public static RouteHandlerBuilder MapReadOwnRecord(this RouteGroupBuilder me) =>
        me.MapGet("/record", async (ClaimsPrincipal user, LoggedReads reads, HttpResponse response, CancellationToken ct) =>
            {
                var patient = Reader.Patient(user);
                var read = await reads.ReadAsync(patient.CitizenId, (patient, new ReadRequest(AccessPurpose.Self, null, AccessTarget.Record, null)), response, ct);
                return TypedResults.Ok(RecordView.From(read));
            })
            .WithName("ReadOwnRecord")
            .WithSummary("Your own record with its entries decrypted. The read is logged (purpose self) before it is answered.")
            .ProducesReadRefusals(statesPurpose: false);
}
