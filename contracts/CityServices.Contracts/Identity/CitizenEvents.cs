namespace CityServices.Contracts.Identity;

// The civil registry's public announcements, published by the identity service's outbox relay
// (at least once; message ids derive from the stored event's id, so consumers deduplicate).
// Other services keep their own views from them: voting rolls, the health patient index.
// Data minimisation: the national id never leaves the identity service; the citizen id (a
// UUID, also the subject of the citizen's tokens) is the key every other service uses.

/// <summary>A person was entered in the civil registry.</summary>
/// <remarks><c>CitizenId</c>: The citizen's id: the <c>sub</c> of their card tokens.
/// <c>District</c>: The city district of residence, e.g. <c>kesklinn</c>.</remarks>
public sealed record CitizenRegistered(
    Guid CitizenId, string GivenName, string FamilyName, DateOnly BirthDate, string District, DateTimeOffset RegisteredAt);

/// <summary>A registrar corrected a citizen's names or birth date; the record carries the values now in force.</summary>
public sealed record CitizenDetailsChanged(
    Guid CitizenId, string GivenName, string FamilyName, DateOnly BirthDate, DateTimeOffset ChangedAt);

/// <summary>A citizen moved to another district.</summary>
public sealed record CitizenMoved(Guid CitizenId, string District, DateTimeOffset MovedAt);

/// <summary>A citizen's death was recorded. Their cards stop working at the same time.</summary>
public sealed record CitizenDied(Guid CitizenId, DateOnly DiedOn, DateTimeOffset RecordedAt);
