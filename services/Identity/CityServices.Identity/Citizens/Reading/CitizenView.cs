using Marten;

namespace CityServices.Identity.Citizens.Reading;

/// <summary>A citizen's record as the API returns it; <c>version</c> is also the ETag.</summary>
public sealed record CitizenView(
    Guid Id,
    string NationalId,
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    string District,
    DateOnly? DiedOn,
    IReadOnlyList<CardView> Cards,
    IReadOnlyList<StaffRole> StaffRoles,
    long Version)
{
    public static CitizenView Of(Citizen citizen, long version)
    {
        ArgumentNullException.ThrowIfNull(citizen);
        return new(citizen.Id, citizen.NationalId, citizen.GivenName, citizen.FamilyName, citizen.BirthDate, citizen.District,
            citizen.DiedOn, [.. citizen.Cards.Select(CardView.Of)], citizen.StaffRoles, version);
    }

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
        return citizen is null ? null : Of(citizen, state.Version);
    }
}

/// <summary>A card as the API returns it, with its public key as a JWK.</summary>
public sealed record CardView(
    Guid Id, CardStatus Status, CardPublicKey PublicKey, string KeyThumbprint, Guid? Replaces, DateTimeOffset IssuedAt,
    string? StatusReason, DateTimeOffset? StatusChangedAt)
{
    public static CardView Of(CitizenCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new(card.Id, card.Status, card.PublicKey, card.KeyThumbprint, card.Replaces, card.IssuedAt, card.StatusReason, card.StatusChangedAt);
    }
}
