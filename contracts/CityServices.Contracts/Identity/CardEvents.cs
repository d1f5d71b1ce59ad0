namespace CityServices.Contracts.Identity;

// A citizen card is an ECDSA P-256 key pair whose public key the registry holds; a person
// signs in by signing a server nonce. These announce a card's life; the key itself is not
// published (services never verify card signatures: they trust the tokens identity issues).

/// <summary>A card was issued (a first card, or a replacement of <paramref name="Replaces"/>).</summary>
/// <remarks><c>KeyThumbprint</c>: RFC 7638 JWK thumbprint (SHA-256, base64url) of the card's public key.</remarks>
public sealed record CitizenCardIssued(
    Guid CardId, Guid CitizenId, string KeyThumbprint, Guid? Replaces, DateTimeOffset IssuedAt);

/// <summary>A card was suspended (e.g. reported lost): it cannot sign in until reinstated.</summary>
public sealed record CitizenCardSuspended(Guid CardId, Guid CitizenId, string Reason, DateTimeOffset SuspendedAt);

/// <summary>A suspended card was reinstated.</summary>
public sealed record CitizenCardReinstated(Guid CardId, Guid CitizenId, DateTimeOffset ReinstatedAt);

/// <summary>A card was revoked for good (stolen, replaced, holder died).</summary>
public sealed record CitizenCardRevoked(Guid CardId, Guid CitizenId, string Reason, DateTimeOffset RevokedAt);
