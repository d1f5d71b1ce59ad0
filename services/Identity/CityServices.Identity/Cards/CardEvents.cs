using CityServices.EventPipeline.Catalog;
using CityServices.Identity.Registry;
using Published = CityServices.Contracts.Identity;

namespace CityServices.Identity.Cards;

// A card's life, stored in its holder's stream. The public key travels in the issue event (it is
// what sign-in verifies against); the published announcement carries only its thumbprint.

public sealed record CardIssued(
    Guid CitizenId, Guid CardId, CardPublicKey PublicKey, string KeyThumbprint, Guid? Replaces, string IssuedBy, DateTimeOffset IssuedAt) : CitizenEvent;

public sealed record CardSuspended(Guid CitizenId, Guid CardId, string Reason, string SuspendedBy, DateTimeOffset SuspendedAt) : CitizenEvent;

public sealed record CardReinstated(Guid CitizenId, Guid CardId, string ReinstatedBy, DateTimeOffset ReinstatedAt) : CitizenEvent;

public sealed record CardRevoked(Guid CitizenId, Guid CardId, string Reason, string RevokedBy, DateTimeOffset RevokedAt) : CitizenEvent;

public static class CardEvents
{
    public static void RecordCardEvents(this EventCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Record<CardIssued>("identity.card_issued")
            .PublishAs(e => new Published.CitizenCardIssued(e.CardId, e.CitizenId, e.KeyThumbprint, e.Replaces, e.IssuedAt));
        catalog.Record<CardSuspended>("identity.card_suspended")
            .PublishAs(e => new Published.CitizenCardSuspended(e.CardId, e.CitizenId, e.Reason, e.SuspendedAt));
        catalog.Record<CardReinstated>("identity.card_reinstated")
            .PublishAs(e => new Published.CitizenCardReinstated(e.CardId, e.CitizenId, e.ReinstatedAt));
        catalog.Record<CardRevoked>("identity.card_revoked")
            .PublishAs(e => new Published.CitizenCardRevoked(e.CardId, e.CitizenId, e.Reason, e.RevokedAt));
    }
}
