using CityServices.HealthRecords.Access;

namespace CityServices.HealthRecords.Records;

/// <summary>
/// One patient's record (stream id = citizen id): entries as ciphertext, the patient's consents,
/// and whether it is closed or erased. Access events leave it unchanged: they are history, not state.
/// </summary>
public sealed record PatientRecord(
    Guid Id,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ErasedAt,
    IReadOnlyList<StoredEntry> Entries,
    IReadOnlyList<Consent> Consents)
{
    public bool IsErased => ErasedAt is not null;

    public static PatientRecord Create(RecordOpened e) => new(e.PatientId, e.OpenedAt, null, null, [], []);

    /// <summary>
    /// The one place a record's state changes (the evolve of the closed hierarchy): the state after
    /// <paramref name="e"/>. Named Apply because Marten's aggregation conventions look for it.
    /// </summary>
    public PatientRecord Apply(PatientRecordEvent e) => e switch
    {
        RecordOpened opened => Create(opened),
        RecordClosed closed => this with { ClosedAt = closed.ClosedAt },
        RecordEntryAdded added => this with
        {
            Entries = [.. Entries, new StoredEntry(added.EntryId, added.Kind, added.SealedContent, added.AuthorId, added.AuthorRole, added.Basis, added.SealedEmergencyReason, added.AddedAt)],
        },
        ConsentGranted granted => this with
        {
            Consents = [.. Consents, new Consent(granted.ConsentId, granted.ProviderKind, granted.ProviderId, granted.Access, granted.Until, granted.GrantedAt, null)],
        },
        ConsentRevoked revoked => this with
        {
            Consents = [.. Consents.Select(c => c.Id == revoked.ConsentId ? c with { RevokedAt = revoked.RevokedAt } : c)],
        },
        RecordErased erased => this with { ErasedAt = erased.ErasedAt },
        // Reads and refusals are history, not state.
        RecordAccessed or AccessDenied => this,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Not an event of a patient's stream."),
    };

    /// <summary>The first consent in force at <paramref name="now"/> that lets <paramref name="reader"/> do <paramref name="needed"/>.</summary>
    public Consent? ConsentFor(Reader reader, ConsentAccess needed, DateTimeOffset now) =>
        Consents.FirstOrDefault(c => c.IsInForceAt(now) && c.Allows(needed) && c.Covers(reader));
}

/// <summary>An entry as stored: its code and text sealed under the patient's data key.</summary>
public sealed record StoredEntry(
    Guid Id, EntryKind Kind, string SealedContent, Guid AuthorId, string AuthorRole, AccessPurpose Basis, string? SealedEmergencyReason, DateTimeOffset AddedAt);

/// <summary>A consent the patient granted, and revoked if <see cref="RevokedAt"/> is set.</summary>
public sealed record Consent(
    Guid Id, ProviderKind ProviderKind, string ProviderId, ConsentAccess Access, DateTimeOffset? Until, DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt)
{
    public bool IsInForceAt(DateTimeOffset now) => RevokedAt is null && (Until is null || now < Until);

    /// <summary>Write includes read: a provider adds entries knowing what is already there.</summary>
    public bool Allows(ConsentAccess needed) => Access == ConsentAccess.Write || needed == ConsentAccess.Read;

    public bool Covers(Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ProviderKind switch
        {
            ProviderKind.Staff => Guid.TryParse(ProviderId, out var staff) && staff == reader.CitizenId,
            ProviderKind.Organisation => reader.Organisations.Contains(ProviderId, StringComparer.OrdinalIgnoreCase),
            _ => false,
        };
    }
}
