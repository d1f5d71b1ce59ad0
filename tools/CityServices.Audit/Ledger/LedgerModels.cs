namespace CityServices.Audit.Ledger;

// The ledger's public formats, exactly as docs/ledger-api.md defines them and the golden answers in
// contracts/vectors/ledger-api pin them. This reader is city-audit's own on purpose: an auditor's
// tool must not share code with what it audits. Hashes are lowercase hex without 0x; chain values
// are 0x-prefixed. Every member the ledger always sends is required, so an answer that lacks one is
// refused instead of read as empty; members the tool does not need are still read, so a --json
// result can echo what the ledger claimed.

/// <summary>Where a tree head was written on chain.</summary>
public sealed record Anchor(
    long Index, long TreeSize, string RootHash, long ChainId, string Contract,
    string TransactionHash, long BlockNumber, string BlockHash, DateTimeOffset AnchoredAt);

/// <summary>A tree head the ledger fixed; <see cref="Anchor"/> is null while it waits to be anchored.</summary>
public sealed record Checkpoint(long TreeSize, string RootHash, DateTimeOffset CreatedAt, Anchor? Anchor);

/// <summary>One event's leaf in an anchored tree.</summary>
public sealed record InclusionProof(
    Guid EventId, string Service, long Sequence, long LeafIndex, string LeafHash, long TreeSize, string RootHash,
    IReadOnlyList<string> AuditPath, Anchor Anchor);

/// <summary>The larger tree extends the smaller one.</summary>
public sealed record ConsistencyProof(long FirstSize, long SecondSize, string FirstRoot, string SecondRoot, IReadOnlyList<string> Proof);

/// <summary>
/// One leaf of a service in the log, from the route
/// <c>GET /api/ledger/services/{service}/leaves?after=&lt;leafIndex&gt;&amp;limit=&lt;n&gt;</c> (a JSON array in leaf order).
/// </summary>
public sealed record ServiceLeaf(Guid EventId, long Sequence, long LeafIndex, string LeafHash);

/// <summary>One leaf of the whole log, from <c>GET /api/ledger/leaves?after=&lt;leafIndex&gt;&amp;limit=&lt;n&gt;</c>, in leaf order.</summary>
public sealed record LogLeaf(long LeafIndex, string LeafHash, Guid EventId, string Service, long Sequence);

/// <summary>
/// Inclusion proofs of a page of leaves against one anchored tree, from
/// <c>GET /api/ledger/proofs?treeSize=&lt;n&gt;&amp;service=&lt;alias&gt;&amp;after=&lt;leafIndex&gt;&amp;limit=&lt;n&gt;</c>.
/// </summary>
public sealed record BatchInclusionProof(long TreeSize, string RootHash, Anchor Anchor, IReadOnlyList<LeafProof> Proofs);

/// <summary>One leaf of a <see cref="BatchInclusionProof"/> with its audit path in the batch's tree.</summary>
public sealed record LeafProof(long LeafIndex, string LeafHash, Guid EventId, string Service, long Sequence, IReadOnlyList<string> AuditPath);
