using CityServices.EventPipeline.Catalog;
using CityServices.PersonalData;
using Marten;
using Published = CityServices.Contracts.Identity;

namespace CityServices.Identity.Citizens;

/// <summary>
/// Announces registrations and corrections with the names and birth date the published contracts
/// carry, opened with the citizen's data key by the relay (it reads the key in its own session).
/// Once the citizen is erased there is nothing to announce: a re-sent event publishes nothing.
/// </summary>
public sealed class CitizenAnnouncements(DataKeyStore keys) : IIntegrationEventMapper<CitizenRegistered>, IIntegrationEventMapper<CitizenDetailsCorrected>
{
    public async Task<object?> MapAsync(CitizenRegistered stored, IQuerySession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return await OpenAsync(session, stored.CitizenId, stored.SealedDetails, ct) is { } details
            ? new Published.CitizenRegistered(stored.CitizenId, details.GivenName, details.FamilyName, details.BirthDate, stored.District, stored.RegisteredAt)
            : null;
    }

    public async Task<object?> MapAsync(CitizenDetailsCorrected stored, IQuerySession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return await OpenAsync(session, stored.CitizenId, stored.SealedDetails, ct) is { } details
            ? new Published.CitizenDetailsChanged(stored.CitizenId, details.GivenName, details.FamilyName, details.BirthDate, stored.CorrectedAt)
            : null;
    }

    private async Task<PersonalDetails?> OpenAsync(IQuerySession session, Guid citizenId, string sealedDetails, CancellationToken ct) =>
        await keys.FindAsync(session, citizenId, ct) is { } key ? PersonalDetails.Open(key, citizenId, sealedDetails) : null;
}
