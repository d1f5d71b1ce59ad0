namespace CityServices.Ledger.Anchoring;

/// <summary>A checkpoint the ledger fixed: the tree head of the first <see cref="TreeSize"/> leaves.</summary>
internal sealed record Checkpoint(long TreeSize, byte[] RootHash);

/// <summary>An anchor as the registry stores it.</summary>
internal sealed record OnChainAnchor(long Index, byte[] Root, long TreeSize, long BlockNumber);

/// <summary>An anchoring transaction mined in a block, not yet confirmed.</summary>
internal sealed record AnchorInclusion(
    Checkpoint Checkpoint,
    long AnchorIndex,
    string TransactionHash,
    long BlockNumber,
    string BlockHash,
    DateTimeOffset BlockTime,
    long GasUsed);
