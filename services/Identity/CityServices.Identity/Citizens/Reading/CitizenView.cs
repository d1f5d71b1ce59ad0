using CityServices.PersonalData;
using Marten;

namespace CityServices.Identity.Citizens.Reading;

/// <summary>A citizen's record as the API returns it, personal details opened, with <c>version</c>, which is also the ETag.</summary>
public sealed record CitizenView(
    Guid Id,
    string NationalId,
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    string District,
    DateOnly? DiedOn,
    IReadOnlyList<CitizenCard> Cards,
    IReadOnlyList<StaffRole> StaffRoles,
    long Version)
{
    /// <summary>The citizen and their stream version, null when no such citizen exists, 410 once they were erased.</summary>
    public static async Task<CitizenView?> LoadAsync(IQuerySession session, DataKeyStore keys, Guid citizenId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(keys);
        var state = await session.Events.FetchStreamStateAsync(citizenId, ct);
        if (state is null)
        {
            return null;
        }

        // Aggregated up to the version just read, so the record and its ETag agree.
        var citizen = await session.Events.AggregateStreamAsync<Citizen>(citizenId, state.Version, token: ct);
        if (citizen is null)
        {
            return null;
        }

        var details = PersonalDetails.Of(citizen, await keys.FindAsync(session, citizenId, ct));
        return new CitizenView(citizen.Id, details.NationalId, details.GivenName, details.FamilyName, details.BirthDate,
            citizen.District, citizen.DiedOn, citizen.Cards, citizen.StaffRoles, state.Version);
    }
}
