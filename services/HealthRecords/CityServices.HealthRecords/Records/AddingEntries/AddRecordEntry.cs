using System.ComponentModel.DataAnnotations;
using System.Text;
using CityServices.EventPipeline.Commands;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Encryption;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Records.AddingEntries;

/// <summary>An entry to add. <c>code</c> is a coded type such as an ICD-10 (J06.9) or ATC (N02BE01) code.</summary>
public sealed record AddRecordEntry(
    [Required] EntryKind? Kind,
    [Required, StringLength(32, MinimumLength = 1), RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9.\-]*$", ErrorMessage = "code must be a coded type such as J06.9 or N02BE01.")] string Code,
    [Required, StringLength(20_000, MinimumLength = 1)] string Content,
    [StringLength(1000)] string? EmergencyReason);

/// <summary>The entry with its medical parts already sealed under the patient's data key (sealing needs the key, deciding does not).</summary>
public sealed record SealedEntry(Guid EntryId, EntryKind Kind, string SealedContent, string? SealedEmergencyReason);

/// <summary>
/// <c>POST /patients/{citizenId}/entries</c>: a doctor adds any kind of entry, a nurse notes and lab
/// results — with the patient's write consent (to them or their organisation), or in an emergency
/// with a written reason. An attempt without either is refused and logged.
/// </summary>
public static class AddRecordEntryEndpoint
{
    public const string NoWriteConsent = "no-write-consent";

    private static readonly EntryKind[] NurseKinds = [EntryKind.Note, EntryKind.LabResult];

    public static PatientRecordEvent Decide(PatientRecord state, Reader author, SealedEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(entry);
        if (state.IsErased)
        {
            throw new ConflictException($"The record of patient {state.Id} was erased; it takes no new entries.");
        }

        if (state.ClosedAt is not null)
        {
            throw new ConflictException($"The record of patient {state.Id} was closed at the patient's death; it takes no new entries.");
        }

        var basis = state.ConsentFor(author, ConsentAccess.Write, now) is not null ? AccessPurpose.Consent
            : entry.SealedEmergencyReason is not null ? AccessPurpose.Emergency
            : (AccessPurpose?)null;
        return basis is { } allowed
            ? new RecordEntryAdded(state.Id, entry.EntryId, entry.Kind, entry.SealedContent, author.CitizenId, author.CardId,
                author.Role, allowed, allowed == AccessPurpose.Emergency ? entry.SealedEmergencyReason : null, now)
            : new AccessDenied(state.Id, Guid.CreateVersion7(), author.CitizenId, author.CardId, author.Role, AccessPurpose.Consent,
                AccessAction.Write, AccessTarget.Record, null, NoWriteConsent, now);
    }

    public static RouteHandlerBuilder MapAddRecordEntry(this RouteGroupBuilder patients) =>
        patients.MapPost("/{citizenId:guid}/entries", async (
                Guid citizenId, AddRecordEntry command, DataKeyStore keys, CommandContext context) =>
            {
                var author = Reader.Staff(context.User, HealthRoles.Doctor, HealthRoles.Nurse);
                var kind = command.Kind!.Value;
                if (author.Role == HealthRoles.Nurse && !NurseKinds.Contains(kind))
                {
                    throw new ForbiddenException("Nurses may add only notes and lab results; a doctor adds diagnoses and prescriptions.");
                }

                var entryId = Guid.CreateVersion7();
                var key = await keys.FindAsync(context.Session, citizenId, context.Cancellation);
                var reason = string.IsNullOrWhiteSpace(command.EmergencyReason) ? null : command.EmergencyReason.Trim();
                var sealedEntry = key is null
                    ? null
                    : new SealedEntry(entryId, kind, new EntryContent(command.Code, command.Content).Seal(key, citizenId, entryId),
                        reason is null ? null : key.Seal(Encoding.UTF8.GetBytes(reason), SealedData.EntryEmergencyReason(citizenId, entryId)));

                // Without a key the record was erased (Decide refuses it) or never had one (a fault).
                var decided = await context.Decide<PatientRecord, PatientRecordEvent>(citizenId,
                    state => [Decide(state, author, sealedEntry ?? throw MissingKey(state), context.Now)]);
                // A refusal is stored (the attempt is history) and then answered as a 403.
                return decided.Events.Single() is RecordEntryAdded
                    ? context.Created($"patients/{citizenId}/entries/{entryId}", new CreatedId(entryId))
                    : throw new ForbiddenException(
                        $"No consent of patient {citizenId} lets you write to their record; the attempt is logged. In an emergency, add emergencyReason.");
            })
            .ProducesCommand<CreatedId>()
            .WithName("AddRecordEntry")
            .WithSummary("Adds an entry (doctors: any kind; nurses: note, lab-result) under the patient's write consent or, with emergencyReason, in an emergency.");

    private static Exception MissingKey(PatientRecord state) => state.IsErased
        ? new ConflictException($"The record of patient {state.Id} was erased; it takes no new entries.")
        : new InvalidOperationException($"The data key of patient {state.Id} is missing although the record was never erased.");
}
