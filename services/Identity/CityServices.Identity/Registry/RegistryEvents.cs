using CityServices.EventPipeline.Catalog;
using Published = CityServices.Contracts.Identity;

namespace CityServices.Identity.Registry;

// The civil registry's stored events. Each names who made the change (the token's sub: a
// department client, or "dev-seed") and when. The national id stays in this service: the
// published announcements carry the citizen id only.

public sealed record CitizenRegistered(
    Guid CitizenId, string NationalId, string GivenName, string FamilyName, DateOnly BirthDate, string District,
    string RegisteredBy, DateTimeOffset RegisteredAt) : CitizenEvent;

public sealed record CitizenDetailsCorrected(
    Guid CitizenId, string GivenName, string FamilyName, DateOnly BirthDate, string CorrectedBy, DateTimeOffset CorrectedAt) : CitizenEvent;

public sealed record CitizenMoved(Guid CitizenId, string District, string MovedBy, DateTimeOffset MovedAt) : CitizenEvent;

public sealed record CitizenDied(Guid CitizenId, DateOnly DiedOn, string RecordedBy, DateTimeOffset RecordedAt) : CitizenEvent;

public static class RegistryEvents
{
    public static void RecordRegistryEvents(this EventCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Record<CitizenRegistered>("identity.citizen_registered")
            .PublishAs(e => new Published.CitizenRegistered(e.CitizenId, e.GivenName, e.FamilyName, e.BirthDate, e.District, e.RegisteredAt));
        catalog.Record<CitizenDetailsCorrected>("identity.citizen_details_corrected")
            .PublishAs(e => new Published.CitizenDetailsChanged(e.CitizenId, e.GivenName, e.FamilyName, e.BirthDate, e.CorrectedAt));
        catalog.Record<CitizenMoved>("identity.citizen_moved")
            .PublishAs(e => new Published.CitizenMoved(e.CitizenId, e.District, e.MovedAt));
        catalog.Record<CitizenDied>("identity.citizen_died")
            .PublishAs(e => new Published.CitizenDied(e.CitizenId, e.DiedOn, e.RecordedAt));
    }
}
