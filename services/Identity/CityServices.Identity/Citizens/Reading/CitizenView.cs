using System.Text.Json.Serialization;
using Marten;

namespace CityServices.Identity.Citizens.Reading;

/// <summary>A citizen's record as the API returns it: the aggregate's own members and <c>version</c>, which is also the ETag.</summary>
public sealed record CitizenView : Citizen
{
    private CitizenView(Citizen citizen, long version)
        : base(citizen) => Version = version;

    [JsonPropertyOrder(1)]
    public long Version { get; }

    /// <summary>The citizen and their stream version, or null when no such citizen exists.</summary>
    public static async Task<CitizenView?> LoadAsync(IQuerySession session, Guid citizenId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = await session.Events.FetchStreamStateAsync(citizenId, ct);
        if (state is null)
        {
            return null;
        }

        // Aggregated up to the version just read, so the record and its ETag agree.
        var citizen = await session.Events.AggregateStreamAsync<Citizen>(citizenId, state.Version, token: ct);
        return citizen is null ? null : new CitizenView(citizen, state.Version);
    }
}
