using System.Numerics;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Anchors every checkpoint still without a confirmed anchor, oldest first, one transaction each.
/// The chain is the source of truth: a checkpoint the registry already holds (sent by a run that
/// crashed before recording it) is reconciled from the chain, never anchored twice.
/// </summary>
internal sealed class CheckpointAnchorer(
    AnchorRegistryClient registry,
    ChainConnection chain,
    AnchorStore store,
    ReceiptWaiter waiter,
    AnchoringMetrics metrics,
    IOptions<AnchoringOptions> options,
    ILogger<CheckpointAnchorer> logger)
{
    // Bounds one cycle's work after a long outage; the next cycle takes the rest.
    private const int MaxCheckpointsPerCycle = 64;

    private readonly AnchoringOptions _options = options.Value;

    /// <summary>Anchors what is pending; true when a reorganisation was seen and the cycle should run again at once.</summary>
    public async Task<bool> AnchorPendingAsync(string contract, CancellationToken cancellationToken)
    {
        var pending = await store.PendingAsync(MaxCheckpointsPerCycle, cancellationToken);
        if (pending.Count > 0)
        {
            await RequireLatestAnchorOnChainAsync(contract, cancellationToken);
        }

        var included = new List<AnchorInclusion>();
        foreach (var checkpoint in pending)
        {
            if (await IncludeAsync(contract, checkpoint, cancellationToken) is { } inclusion)
            {
                included.Add(inclusion);
            }
        }

        if (included.Count == 0)
        {
            return false;
        }

        // One wait covers the batch: the latest block's confirmations confirm every earlier one.
        await waiter.WaitForBlockAsync(included.Max(inclusion => inclusion.BlockNumber) + _options.Confirmations - 1, cancellationToken);
        foreach (var inclusion in included)
        {
            if (!await IsStillCanonicalAsync(inclusion, cancellationToken))
            {
                metrics.Reorganised();
                logger.AnchorReorganised(inclusion.BlockNumber, inclusion.BlockHash, inclusion.Checkpoint.TreeSize, inclusion.TransactionHash);
                // The reorganisation may have rolled the account's nonce back.
                await chain.ResetNonceAsync();
                return true;
            }

            var previous = await store.PreviousAnchoredSizeAsync(inclusion.Checkpoint.TreeSize, cancellationToken);
            await store.RecordAsync(inclusion, _options.Chain.ChainId, contract, cancellationToken);
            metrics.Confirmed(inclusion.GasUsed, inclusion.Checkpoint.TreeSize - previous);
            logger.AnchorConfirmed(
                inclusion.Checkpoint.TreeSize, inclusion.AnchorIndex, inclusion.BlockNumber, inclusion.BlockHash,
                inclusion.TransactionHash, inclusion.GasUsed, _options.Confirmations);
        }

        return false;
    }

    /// <summary>
    /// Confirmations bound the reorganisations the ledger survives. One deeper than them (or a reset
    /// chain) removed an anchor already published: anchoring on would give the next checkpoint the
    /// same anchor index and leave the published anchor pointing at a block the chain no longer has.
    /// </summary>
    private async Task RequireLatestAnchorOnChainAsync(string contract, CancellationToken cancellationToken)
    {
        if (await store.LatestAnchorAsync(_options.Chain.ChainId, contract, cancellationToken) is not { } latest)
        {
            return;
        }

        var block = await registry.BlockAsync(latest.BlockNumber, cancellationToken);
        if (block is null || !SameHash(block.BlockHash, latest.BlockHash))
        {
            throw new AnchoringHaltedException(
                $"The recorded anchor of tree size {latest.TreeSize} (block {latest.BlockNumber}, {latest.BlockHash}) is no longer on chain: " +
                $"a reorganisation deeper than Ledger:Confirmations ({_options.Confirmations}) or a reset chain.");
        }
    }

    /// <summary>Gets the checkpoint into a block: from the chain when already there, else by sending it.</summary>
    private async Task<AnchorInclusion?> IncludeAsync(string contract, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var lookup = await FindOnChainAsync(contract, checkpoint, cancellationToken);
        if (lookup.Anchor is { } existing)
        {
            return await FromChainAsync(contract, checkpoint, existing, cancellationToken);
        }

        if (!lookup.CanAnchor)
        {
            logger.CheckpointUnanchorable(checkpoint.TreeSize);
            return null;
        }

        var transaction = await registry.SendAnchorAsync(contract, checkpoint, cancellationToken);
        metrics.Sent();
        logger.AnchorSent(checkpoint.TreeSize, transaction);
        var receipt = await waiter.WaitAsync(transaction, cancellationToken);
        if (receipt.Status?.Value == BigInteger.One && AnchorRegistryClient.AnchorIndexIn(receipt, contract) is { } index)
        {
            return await InclusionAsync(checkpoint, index, receipt, cancellationToken);
        }

        // A mined revert does not throw. It happens when a transaction from an earlier run, still
        // pending when we sent ours, anchored this size first: the chain then holds it.
        if ((await FindOnChainAsync(contract, checkpoint, cancellationToken)).Anchor is { } racedBy)
        {
            return await FromChainAsync(contract, checkpoint, racedBy, cancellationToken);
        }

        throw new InvalidOperationException(
            $"The anchor of tree size {checkpoint.TreeSize} was mined but reverted (transaction {transaction}, block {receipt.BlockNumber?.Value}).");
    }

    /// <summary>Looks for the checkpoint's tree size in the registry, from the latest anchor backwards.</summary>
    private async Task<(OnChainAnchor? Anchor, bool CanAnchor)> FindOnChainAsync(
        string contract, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var count = await registry.CountAsync(contract, cancellationToken);
        for (var index = count - 1; index >= 0; index--)
        {
            var anchor = await registry.AnchorAtAsync(contract, index, cancellationToken);
            if (anchor.TreeSize == checkpoint.TreeSize)
            {
                if (!anchor.Root.AsSpan().SequenceEqual(checkpoint.RootHash))
                {
                    throw new AnchoringHaltedException(
                        $"Anchor {index} on chain holds tree size {anchor.TreeSize} with root {Convert.ToHexStringLower(anchor.Root)}, " +
                        $"but the log's checkpoint has root {Convert.ToHexStringLower(checkpoint.RootHash)}: the log and the chain disagree.");
                }

                return (anchor, false);
            }

            if (anchor.TreeSize < checkpoint.TreeSize)
            {
                return (null, index == count - 1);
            }
        }

        return (null, count == 0);
    }

    private async Task<AnchorInclusion> FromChainAsync(string contract, Checkpoint checkpoint, OnChainAnchor anchor, CancellationToken cancellationToken)
    {
        var log = await registry.AnchoredLogAsync(contract, anchor, cancellationToken)
            ?? throw new InvalidOperationException($"Anchor {anchor.Index} has no Anchored log in block {anchor.BlockNumber} (a reorganisation in progress?).");
        var receipt = await registry.ReceiptAsync(log.TransactionHash, cancellationToken)
            ?? throw new InvalidOperationException($"The transaction {log.TransactionHash} of anchor {anchor.Index} has no receipt.");
        logger.AnchorReconciled(checkpoint.TreeSize, anchor.Index, log.TransactionHash);
        return await InclusionAsync(checkpoint, anchor.Index, receipt, cancellationToken);
    }

    private async Task<AnchorInclusion> InclusionAsync(Checkpoint checkpoint, long index, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var blockNumber = (long)receipt.BlockNumber.Value;
        var block = await registry.BlockAsync(blockNumber, cancellationToken)
            ?? throw new InvalidOperationException($"Block {blockNumber} of transaction {receipt.TransactionHash} is gone.");
        return new AnchorInclusion(
            checkpoint,
            index,
            receipt.TransactionHash,
            blockNumber,
            receipt.BlockHash,
            DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value),
            (long)receipt.GasUsed.Value);
    }

    /// <summary>Re-reads the receipt and the block by number: both must still name the block the anchor was seen in.</summary>
    private async Task<bool> IsStillCanonicalAsync(AnchorInclusion inclusion, CancellationToken cancellationToken)
    {
        var receipt = await registry.ReceiptAsync(inclusion.TransactionHash, cancellationToken);
        var block = await registry.BlockAsync(inclusion.BlockNumber, cancellationToken);
        return receipt?.Status?.Value == BigInteger.One
            && SameHash(receipt.BlockHash, inclusion.BlockHash)
            && block is not null
            && SameHash(block.BlockHash, inclusion.BlockHash);
    }

    private static bool SameHash(string? left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
