using CityServices.HealthRecords.Access;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary>What a read asks for and why; an emergency read carries its written reason.</summary>
public sealed record ReadRequest(AccessPurpose Purpose, string? Reason, AccessTarget Target, Guid? EntryId);

/// <summary>Whether a read may happen, as the event that records it: <see cref="RecordAccessed"/> or <see cref="AccessDenied"/>.</summary>
public static class ReadDecision
{
    public const string NoConsent = "no-consent";
    public const string NotOwnRecord = "not-own-record";

    /// <exception cref="NotFoundException">Allowed, but the entry asked for does not exist.</exception>
    public static PatientRecordEvent Decide(PatientRecord state, Reader reader, ReadRequest request, Guid accessId, string? sealedReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(request);
        var refusal = request.Purpose switch
        {
            AccessPurpose.Self => reader.CitizenId == state.Id ? null : NotOwnRecord,
            AccessPurpose.Consent => state.ConsentFor(reader, ConsentAccess.Read, now) is null ? NoConsent : null,
            // Break-glass: allowed without consent, always flagged, and the reason is on record.
            _ => null,
        };

        if (refusal is not null)
        {
            return new AccessDenied(state.Id, accessId, reader.CitizenId, reader.CardId, reader.Role, request.Purpose,
                AccessAction.Read, request.Target, request.EntryId, refusal, now);
        }

        if (request.Target == AccessTarget.Entry && state.Entries.All(e => e.Id != request.EntryId))
        {
            throw new NotFoundException($"Patient {state.Id} has no entry {request.EntryId}.");
        }

        return new RecordAccessed(state.Id, accessId, reader.CitizenId, reader.CardId, reader.Role, request.Purpose,
            sealedReason, request.Target, request.EntryId, request.Purpose == AccessPurpose.Emergency, now);
    }
}
