namespace CityServices.Ledger.Anchoring;

/// <summary>Anchoring's log messages, generated so that a disabled level costs nothing.</summary>
internal static partial class AnchoringLog
{
    [LoggerMessage(LogLevel.Debug, "Chain RPC failed (attempt {Attempt}); retrying")]
    public static partial void ChainCallRetried(this ILogger logger, Exception? exception, int attempt);

    [LoggerMessage(LogLevel.Information, "Deployed the AnchorRegistry at {Contract} on chain {ChainId} (transaction {Transaction}); its owner is {Account}")]
    public static partial void RegistryDeployed(this ILogger logger, string contract, long chainId, string transaction, string account);

    [LoggerMessage(LogLevel.Debug, "Sent the anchor of tree size {TreeSize}: transaction {Transaction}")]
    public static partial void AnchorSent(this ILogger logger, long treeSize, string transaction);

    [LoggerMessage(LogLevel.Information, "Tree size {TreeSize} is already anchored on chain as anchor {AnchorIndex} (transaction {Transaction}): recording it, not sending it again")]
    public static partial void AnchorReconciled(this ILogger logger, long treeSize, long anchorIndex, string transaction);

    [LoggerMessage(LogLevel.Warning, "The block {BlockNumber} ({BlockHash}) holding the anchor of tree size {TreeSize} (transaction {Transaction}) was reorganised away; anchoring again")]
    public static partial void AnchorReorganised(this ILogger logger, long blockNumber, string blockHash, long treeSize, string transaction);

    [LoggerMessage(LogLevel.Information, "Anchored tree size {TreeSize} as anchor {AnchorIndex} in block {BlockNumber} ({BlockHash}), transaction {Transaction}, {GasUsed} gas, after {Confirmations} confirmations")]
    public static partial void AnchorConfirmed(
        this ILogger logger, long treeSize, long anchorIndex, long blockNumber, string blockHash, string transaction, long gasUsed, int confirmations);

    [LoggerMessage(LogLevel.Error, "The checkpoint of tree size {TreeSize} is not on chain and never can be: the registry already holds a larger tree size")]
    public static partial void CheckpointUnanchorable(this ILogger logger, long treeSize);
}
