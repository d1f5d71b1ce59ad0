namespace CityServices.Contracts.Ledger;

/// <summary>
/// One stored event's leaf hash, on its way into the ledger's Merkle log.
/// Published by every domain service's outbox relay, in sequence order, once per stored event
/// (at least once: the message id derives from <paramref name="EventId"/>, so the ledger
/// deduplicates). Consumed by the ledger. It carries hashes only: the leaf record and the event
/// data stay in the service, so the ledger learns nothing about citizens.
/// </summary>
/// <param name="EventId">The stored event's id, unique across the platform.</param>
/// <param name="Service">The recording service's alias, e.g. <c>health-records</c>.</param>
/// <param name="Sequence">The event's position in that service's global event sequence.</param>
/// <param name="LeafHash">SHA-256(0x00 ‖ canonical leaf record v1), lowercase hex (docs/leaf-record.md).</param>
public sealed record EventRecorded(Guid EventId, string Service, long Sequence, string LeafHash);
