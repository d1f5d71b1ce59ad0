namespace CityServices.Identity.Citizens;

/// <summary>
/// A citizen's record, evolved from their one stream: the registry entry, their cards and their
/// staff roles. One stream per person keeps "at most one live card" and "a death revokes every
/// card" decisions on a single consistent state. Who the person is stays sealed here as in the
/// events (<see cref="PersonalDetails"/>); a read or a decision that needs it opens it with the
/// citizen's key. The API shows the record opened (<see cref="Reading.CitizenView"/>).
/// </summary>
public sealed record Citizen(
    Guid Id,
    string SealedDetails,
    string District,
    DateOnly? DiedOn,
    IReadOnlyList<CitizenCard> Cards,
    IReadOnlyList<StaffRole> StaffRoles,
    DateTimeOffset? ErasedAt)
{
    public bool IsAlive => DiedOn is null;

    public CitizenCard? Card(Guid cardId) => Cards.FirstOrDefault(card => card.Id == cardId);

    /// <summary>Cards that can sign in now or after a reinstatement.</summary>
    public IEnumerable<CitizenCard> LiveCards => Cards.Where(card => card.Status != CardStatus.Revoked);

    public static Citizen Create(CitizenRegistered e) =>
        new(e.CitizenId, e.SealedDetails, e.District, null, [], [], null);

    /// <summary>
    /// The one place a citizen's state changes (the evolve of the closed hierarchy): the state after
    /// <paramref name="e"/>. Named Apply because Marten's aggregation conventions look for it.
    /// </summary>
    public Citizen Apply(CitizenEvent e)
    {
        var state = this;
        return e switch
        {
            CitizenRegistered registered => Create(registered),
            CitizenDetailsCorrected corrected => state with { SealedDetails = corrected.SealedDetails },
            CitizenMoved moved => state with { District = moved.District },
            CitizenDied died => state with { DiedOn = died.DiedOn },
            CitizenErased erased => state with { ErasedAt = erased.ErasedAt },
            CardIssued issued => state with
            {
                Cards = [.. state.Cards, new CitizenCard(issued.CardId, CardStatus.Active, issued.PublicKey, issued.KeyThumbprint, issued.Replaces, issued.IssuedAt, null, null)],
            },
            CardSuspended suspended => state.WithCard(suspended.CardId, CardStatus.Suspended, suspended.Reason, suspended.SuspendedAt),
            CardReinstated reinstated => state.WithCard(reinstated.CardId, CardStatus.Active, null, reinstated.ReinstatedAt),
            CardRevoked revoked => state.WithCard(revoked.CardId, CardStatus.Revoked, revoked.Reason, revoked.RevokedAt),
            StaffRoleGranted granted => state with
            {
                StaffRoles = [.. state.StaffRoles, new StaffRole(granted.Department, granted.Role, granted.Organisation, granted.GrantedAt)],
            },
            StaffRoleWithdrawn withdrawn => state with
            {
                StaffRoles = [.. state.StaffRoles.Where(role => !role.Is(withdrawn.Department, withdrawn.Role, withdrawn.Organisation))],
            },
            _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Not an event of a citizen's stream."),
        };
    }

    private Citizen WithCard(Guid cardId, CardStatus status, string? reason, DateTimeOffset at) =>
        this with
        {
            Cards = [.. Cards.Select(card => card.Id == cardId ? card with { Status = status, StatusReason = reason, StatusChangedAt = at } : card)],
        };
}
