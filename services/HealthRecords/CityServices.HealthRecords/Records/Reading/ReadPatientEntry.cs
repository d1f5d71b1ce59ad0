using System.Security.Claims;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary><c>GET /patients/{citizenId}/entries/{entryId}?purpose=…&amp;reason=…</c>: one entry, under the same rules as the record.</summary>
public static class ReadPatientEntry
{
    public static RouteHandlerBuilder MapReadPatientEntry(this RouteGroupBuilder patients) =>
        patients.MapGet("/{citizenId:guid}/entries/{entryId:guid}", async (
                Guid citizenId, Guid entryId, string? purpose, string? reason, ClaimsPrincipal user, LoggedReads reads, HttpResponse response, CancellationToken ct) =>
            {
                var read = await reads.ReadAsync(citizenId, ReadRoutes.StaffRead(user, purpose, reason, AccessTarget.Entry, entryId), response, ct);
                var entry = read.Record.Entries.Single(e => e.Id == entryId);
                return TypedResults.Ok(EntryView.From(read.Record, entry, read.Key));
            })
            .WithName("ReadPatientEntry")
            .WithSummary("One entry of a patient's record, under the same consent or emergency rules as the record; logged before answered.")
            .ProducesReadRefusals();
}
