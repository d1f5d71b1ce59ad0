namespace CityServices.HealthRecords.Records;

// The events of a patient's stream (stream id = citizen id). Event data is a public, hashed
// format: medical content and free-text reasons travel only as ciphertext ("sealed…", base64 of
// nonce ‖ ciphertext ‖ tag under the patient's data key), so erasing the key leaves every event
// and every ledger proof intact while nothing medical can be read again.

/// <summary>
/// Every event of a patient's stream derives from this closed hierarchy. It has no members, so the
/// stored JSON of each event (a hashed, public format) is exactly its own positional fields.
/// </summary>
public abstract record PatientRecordEvent;

/// <summary>The record was opened when identity announced the citizen's registration.</summary>
public sealed record RecordOpened(Guid PatientId, DateTimeOffset RegisteredAt, DateTimeOffset OpenedAt) : PatientRecordEvent;

/// <summary>The patient died: no new entries; reads go on (and are logged).</summary>
public sealed record RecordClosed(Guid PatientId, DateOnly DiedOn, DateTimeOffset ClosedAt) : PatientRecordEvent;

/// <summary>
/// A staff member added an entry. <c>SealedContent</c> holds the code and the text; the kind and
/// the author stay readable, so the record's shape and accountability outlive an erasure.
/// </summary>
public sealed record RecordEntryAdded(
    Guid PatientId,
    Guid EntryId,
    EntryKind Kind,
    string SealedContent,
    Guid AuthorId,
    Guid AuthorCardId,
    string AuthorRole,
    AccessPurpose Basis,
    string? SealedEmergencyReason,
    DateTimeOffset AddedAt) : PatientRecordEvent;

/// <summary>The patient let a provider read (or read and write) their record, optionally until a time.</summary>
public sealed record ConsentGranted(
    Guid PatientId, Guid ConsentId, ProviderKind ProviderKind, string ProviderId, ConsentAccess Access, DateTimeOffset? Until, DateTimeOffset GrantedAt) : PatientRecordEvent;

/// <summary>The patient withdrew a consent.</summary>
public sealed record ConsentRevoked(Guid PatientId, Guid ConsentId, DateTimeOffset RevokedAt) : PatientRecordEvent;

/// <summary>
/// Someone read the record or one entry. Stored before any data is returned; emergency reads
/// carry their written reason (sealed) and are flagged.
/// </summary>
public sealed record RecordAccessed(
    Guid PatientId,
    Guid AccessId,
    Guid ReaderCitizenId,
    Guid ReaderCardId,
    string Role,
    AccessPurpose Purpose,
    string? SealedReason,
    AccessTarget Target,
    Guid? EntryId,
    bool FlaggedEmergency,
    DateTimeOffset AccessedAt) : PatientRecordEvent;

/// <summary>A staff member tried to read or write without the patient's consent and without an emergency; refused.</summary>
public sealed record AccessDenied(
    Guid PatientId,
    Guid AccessId,
    Guid ReaderCitizenId,
    Guid ReaderCardId,
    string Role,
    AccessPurpose Purpose,
    AccessAction Action,
    AccessTarget Target,
    Guid? EntryId,
    string Refusal,
    DateTimeOffset AttemptedAt) : PatientRecordEvent;

/// <summary>
/// The patient's data key was destroyed on a lawful request. The legal basis stays readable: it
/// is what justifies the erasure, so it cannot be sealed with the key it destroys.
/// </summary>
public sealed record RecordErased(Guid PatientId, Guid ErasedBy, Guid ErasedByCardId, string LegalBasis, DateTimeOffset ErasedAt) : PatientRecordEvent;
