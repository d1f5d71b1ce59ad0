using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Records;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Records.Erasing;

/// <summary>The lawful basis of an erasure, a citation rather than a story (it stays readable forever): e.g. "GDPR Art. 17(1)(b), request 2026-114".</summary>
public sealed record EraseRecord([Required, StringLength(300, MinimumLength = 3)] string LegalBasis);

/// <summary>
/// <c>POST /patients/{citizenId}/erasure</c>: a data-protection officer of the department, signed in
/// with their card, destroys the patient's data key (crypto-shredding). Key deletion and the
/// <see cref="RecordErased"/> event commit in one transaction. The events, their hashes and every
/// ledger proof stay valid; the medical content can never be decrypted again.
/// </summary>
public static class EraseRecordEndpoint
{
    public static RecordErased Decide(PatientRecord state, Reader officer, EraseRecord command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(command);
        return state.IsErased
            ? throw new ConflictException($"The record of patient {state.Id} was already erased at {state.ErasedAt:O}.")
            : new RecordErased(state.Id, officer.CitizenId, officer.CardId, command.LegalBasis.Trim(), now);
    }

    public static RouteHandlerBuilder MapEraseRecord(this RouteGroupBuilder patients) =>
        patients.MapPost("/{citizenId:guid}/erasure", async (Guid citizenId, EraseRecord command, CommandContext context) =>
            {
                var officer = Reader.Staff(context.User, HealthRoles.DataProtectionOfficer);
                DataKeyStore.DestroyKey(context.Session, citizenId);
                await context.Decide<PatientRecord, RecordErased>(citizenId, state => [Decide(state, officer, command, context.Now)]);
                return Results.NoContent();
            })
            .ProducesCommand()
            .WithName("EraseRecord")
            .WithSummary("Erases a patient's medical content on a lawful request by destroying their data key; the record's history and proofs stay valid.");
}
