using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.HealthRecords.Access;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary><c>GET /patients/{citizenId}/entries/{entryId}?purpose=…&amp;reason=…</c>: one entry, under the same rules as the record.</summary>
public static class ReadPatientEntry
{
    public static RouteHandlerBuilder MapReadPatientEntry(this RouteGroupBuilder patients) =>
        patients.MapGet("/{citizenId:guid}/entries/{entryId:guid}", async (
                Guid citizenId, Guid entryId, string? purpose, string? reason, ClaimsPrincipal user, LoggedReads reads, HttpResponse response, CancellationToken ct) =>
            {
                var reader = Reader.Staff(user, HealthRoles.Doctor, HealthRoles.Nurse);
                var (stated, written) = StaffReadPurpose.Parse(purpose, reason);
                var read = await reads.ReadAsync(citizenId, reader, new ReadRequest(stated, written, AccessTarget.Entry, entryId), ct);
                response.SetVersion(read.Version);
                var entry = read.Record.Entries.Single(e => e.Id == entryId);
                return TypedResults.Ok(EntryView.From(read.Record, entry, read.Key));
            })
            .WithName("ReadPatientEntry")
            .WithSummary("One entry of a patient's record, under the same consent or emergency rules as the record; logged before answered.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
