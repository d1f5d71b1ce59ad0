namespace CityServices.EventPipeline.Commands.Idempotency;

/// <summary>
/// The first answer to a key, stored in the same transaction as the events its command appended,
/// so a key has either both or neither. <see cref="Id"/> is <see cref="IdempotencyKey.StorageId"/>;
/// <see cref="Fingerprint"/> tells a retry from another request under the same key.
/// </summary>
public sealed record IdempotentAnswer(
    string Id,
    string Fingerprint,
    int Status,
    string? Location,
    string? ETag,
    string? ContentType,
    byte[] Body,
    DateTimeOffset AnsweredAt,
    DateTimeOffset ExpiresAt);
