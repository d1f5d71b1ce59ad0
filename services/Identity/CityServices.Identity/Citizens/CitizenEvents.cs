using CityServices.EventPipeline.Catalog;
using Published = CityServices.Contracts.Identity;

namespace CityServices.Identity.Citizens;

/// <summary>
/// Every event of a citizen's stream derives from this closed hierarchy. It has no members, so the
/// stored JSON of each event (a hashed, public format) is exactly its own positional fields.
/// </summary>
public abstract record CitizenEvent;

// The civil registry. Each event names who made the change (the token's sub: a department client,
// or "dev-seed") and when. Who the person is (national id, names, birth date) is stored only
// sealed under the citizen's data key (PersonalDetails): event data is hashed into the ledger and
// served to auditors, and must be erasable. The district and the date of death stay readable:
// other services decide on them (residence, a closed health record) and neither names a person.

public sealed record CitizenRegistered(
    Guid CitizenId, string SealedDetails, string District, string RegisteredBy, DateTimeOffset RegisteredAt) : CitizenEvent;

/// <summary><c>SealedDetails</c>: every detail now in force, the national id unchanged.</summary>
public sealed record CitizenDetailsCorrected(Guid CitizenId, string SealedDetails, string CorrectedBy, DateTimeOffset CorrectedAt) : CitizenEvent;

public sealed record CitizenMoved(Guid CitizenId, string District, string MovedBy, DateTimeOffset MovedAt) : CitizenEvent;

public sealed record CitizenDied(Guid CitizenId, DateOnly DiedOn, string RecordedBy, DateTimeOffset RecordedAt) : CitizenEvent;

/// <summary>
/// The citizen's data key was destroyed on a lawful request. The legal basis stays readable: it
/// justifies the erasure, so it cannot be sealed with the key it destroys.
/// </summary>
public sealed record CitizenErased(Guid CitizenId, string LegalBasis, string ErasedBy, DateTimeOffset ErasedAt) : CitizenEvent;

// A card's life. The public key travels in the issue event (it is what sign-in verifies against);
// the published announcement carries only its thumbprint.

public sealed record CardIssued(
    Guid CitizenId, Guid CardId, CardPublicKey PublicKey, string KeyThumbprint, Guid? Replaces, string IssuedBy, DateTimeOffset IssuedAt) : CitizenEvent;

public sealed record CardSuspended(Guid CitizenId, Guid CardId, string Reason, string SuspendedBy, DateTimeOffset SuspendedAt) : CitizenEvent;

public sealed record CardReinstated(Guid CitizenId, Guid CardId, string ReinstatedBy, DateTimeOffset ReinstatedAt) : CitizenEvent;

public sealed record CardRevoked(Guid CitizenId, Guid CardId, string Reason, string RevokedBy, DateTimeOffset RevokedAt) : CitizenEvent;

// Staff roles are granted and withdrawn by a department (its client's "department" claim); the
// events name the department client that did it.

public sealed record StaffRoleGranted(
    Guid CitizenId, string Department, string Role, string? Organisation, string GrantedBy, DateTimeOffset GrantedAt) : CitizenEvent;

public sealed record StaffRoleWithdrawn(
    Guid CitizenId, string Department, string Role, string? Organisation, string WithdrawnBy, DateTimeOffset WithdrawnAt) : CitizenEvent;

public static class CitizenEvents
{
    /// <summary>
    /// The stored names below are hashed into the ledger and never change; Marten stores and reads
    /// events by these aliases, not by CLR namespace, so the records may move between folders.
    /// </summary>
    public static void RecordCitizenEvents(this EventCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        // Their announcements carry the names and birth date: opened with the citizen's key (CitizenAnnouncements).
        catalog.Record<CitizenRegistered>("identity.citizen_registered").PublishWith<CitizenAnnouncements>();
        catalog.Record<CitizenDetailsCorrected>("identity.citizen_details_corrected").PublishWith<CitizenAnnouncements>();
        catalog.Record<CitizenMoved>("identity.citizen_moved")
            .PublishAs(e => new Published.CitizenMoved(e.CitizenId, e.District, e.MovedAt));
        catalog.Record<CitizenDied>("identity.citizen_died")
            .PublishAs(e => new Published.CitizenDied(e.CitizenId, e.DiedOn, e.RecordedAt));
        // Private: the other services hold nothing personal of a dead citizen that they must erase.
        catalog.Record<CitizenErased>("identity.citizen_erased");
        catalog.Record<CardIssued>("identity.card_issued")
            .PublishAs(e => new Published.CitizenCardIssued(e.CardId, e.CitizenId, e.KeyThumbprint, e.Replaces, e.IssuedAt));
        catalog.Record<CardSuspended>("identity.card_suspended")
            .PublishAs(e => new Published.CitizenCardSuspended(e.CardId, e.CitizenId, e.Reason, e.SuspendedAt));
        catalog.Record<CardReinstated>("identity.card_reinstated")
            .PublishAs(e => new Published.CitizenCardReinstated(e.CardId, e.CitizenId, e.ReinstatedAt));
        catalog.Record<CardRevoked>("identity.card_revoked")
            .PublishAs(e => new Published.CitizenCardRevoked(e.CardId, e.CitizenId, e.Reason, e.RevokedAt));
        catalog.Record<StaffRoleGranted>("identity.staff_role_granted")
            .PublishAs(e => new Published.StaffRoleGranted(e.CitizenId, e.Department, e.Role, e.Organisation, e.GrantedBy, e.GrantedAt));
        catalog.Record<StaffRoleWithdrawn>("identity.staff_role_withdrawn")
            .PublishAs(e => new Published.StaffRoleWithdrawn(e.CitizenId, e.Department, e.Role, e.Organisation, e.WithdrawnBy, e.WithdrawnAt));
    }
}
