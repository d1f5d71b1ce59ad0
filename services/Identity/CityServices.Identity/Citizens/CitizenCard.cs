namespace CityServices.Identity.Citizens;

public enum CardStatus
{
    Active,
    Suspended,
    Revoked,
}

/// <summary>A card as its holder's record keeps it.</summary>
public sealed record CitizenCard(
    Guid Id, CardStatus Status, CardPublicKey PublicKey, string KeyThumbprint, Guid? Replaces, DateTimeOffset IssuedAt,
    string? StatusReason, DateTimeOffset? StatusChangedAt);

/// <summary>
/// Which citizen holds a card: lets sign-in and the card routes find the holder's stream from a
/// card id. Written in the same transaction as the card's issue event.
/// </summary>
public sealed record CardHolder(Guid Id, Guid CitizenId);
