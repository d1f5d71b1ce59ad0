namespace CityServices.Ledger.Proofs;

// The public formats of docs/ledger-api.md: fields are added, never renamed or removed. Hashes
// are lowercase hex without 0x; chain values as the chain prints them. Times are DateTime of
// kind UTC because System.Text.Json then writes the "Z" suffix the format shows.

/// <summary>Where a tree head was written on chain; listed once it has its confirmations.</summary>
public sealed record Anchor(
    long Index, long TreeSize, string RootHash, long ChainId, string Contract,
    string TransactionHash, long BlockNumber, string BlockHash, DateTime AnchoredAt);

/// <summary>A tree head the ledger fixed; <see cref="Anchor"/> is null while it waits to be anchored.</summary>
public sealed record Checkpoint(long TreeSize, string RootHash, DateTime CreatedAt, Anchor? Anchor);

/// <summary>One event's leaf in an anchored tree (RFC 9162 section 2.1.3).</summary>
public sealed record InclusionProof(
    Guid EventId, string Service, long Sequence, long LeafIndex, string LeafHash,
    long TreeSize, string RootHash, IReadOnlyList<string> AuditPath, Anchor Anchor);

/// <summary>The larger anchored tree extends the smaller one (RFC 9162 section 2.1.4).</summary>
public sealed record ConsistencyProof(long FirstSize, long SecondSize, string FirstRoot, string SecondRoot, IReadOnlyList<string> Proof);

/// <summary>One leaf of a service's listing, in log order: enough to find the events an export lacks.</summary>
public sealed record ServiceLeaf(Guid EventId, long Sequence, long LeafIndex, string LeafHash);

/// <summary>One leaf of the whole log, in log order: enough to rebuild the root of any tree size.</summary>
public sealed record LogLeaf(long LeafIndex, string LeafHash, Guid EventId, string Service, long Sequence);

/// <summary>
/// Inclusion proofs of many leaves against one anchored tree: the tree head and its anchor once,
/// then one <see cref="LeafProof"/> per leaf, in log order (docs/ledger-api.md, "Batch proof").
/// </summary>
public sealed record BatchInclusionProof(long TreeSize, string RootHash, Anchor Anchor, IReadOnlyList<LeafProof> Proofs);

/// <summary>One leaf of a <see cref="BatchInclusionProof"/>: the Log leaf and its audit path in the batch's tree.</summary>
public sealed record LeafProof(long LeafIndex, string LeafHash, Guid EventId, string Service, long Sequence, IReadOnlyList<string> AuditPath);
