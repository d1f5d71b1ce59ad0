using CityServices.Identity.Cards;
using CityServices.Identity.Staff;

namespace CityServices.Identity.Registry;

/// <summary>
/// A citizen's record, evolved from their one stream: the registry entry, their cards and their
/// staff roles. One stream per person keeps "at most one live card" and "a death revokes every
/// card" decisions on a single consistent state.
/// </summary>
public sealed record Citizen(
    Guid Id,
    string NationalId,
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    string District,
    DateOnly? DiedOn,
    IReadOnlyList<CitizenCard> Cards,
    IReadOnlyList<StaffRole> StaffRoles)
{
    public bool IsAlive => DiedOn is null;

    public CitizenCard? Card(Guid cardId) => Cards.FirstOrDefault(card => card.Id == cardId);

    /// <summary>Cards that can sign in now or after a reinstatement.</summary>
    public IEnumerable<CitizenCard> LiveCards => Cards.Where(card => card.Status != CardStatus.Revoked);

    public static Citizen Create(CitizenRegistered e) =>
        new(e.CitizenId, e.NationalId, e.GivenName, e.FamilyName, e.BirthDate, e.District, null, [], []);

    public Citizen Apply(CitizenDetailsCorrected e) =>
        this with { GivenName = e.GivenName, FamilyName = e.FamilyName, BirthDate = e.BirthDate };

    public Citizen Apply(CitizenMoved e) => this with { District = e.District };

    public Citizen Apply(CitizenDied e) => this with { DiedOn = e.DiedOn };

    public Citizen Apply(CardIssued e) =>
        this with { Cards = [.. Cards, new CitizenCard(e.CardId, CardStatus.Active, e.PublicKey, e.KeyThumbprint, e.Replaces, e.IssuedAt, null, null)] };

    public Citizen Apply(CardSuspended e) => WithCard(e.CardId, CardStatus.Suspended, e.Reason, e.SuspendedAt);

    public Citizen Apply(CardReinstated e) => WithCard(e.CardId, CardStatus.Active, null, e.ReinstatedAt);

    public Citizen Apply(CardRevoked e) => WithCard(e.CardId, CardStatus.Revoked, e.Reason, e.RevokedAt);

    public Citizen Apply(StaffRoleGranted e) =>
        this with { StaffRoles = [.. StaffRoles, new StaffRole(e.Department, e.Role, e.Organisation, e.GrantedAt)] };

    public Citizen Apply(StaffRoleWithdrawn e) =>
        this with { StaffRoles = [.. StaffRoles.Where(role => !role.Is(e.Department, e.Role, e.Organisation))] };

    private Citizen WithCard(Guid cardId, CardStatus status, string? reason, DateTimeOffset at) =>
        this with
        {
            Cards = [.. Cards.Select(card => card.Id == cardId ? card with { Status = status, StatusReason = reason, StatusChangedAt = at } : card)],
        };
}
