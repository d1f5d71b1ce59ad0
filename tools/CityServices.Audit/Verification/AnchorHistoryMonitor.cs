using CityServices.Audit.Chain;
using CityServices.Audit.Ledger;
using CityServices.Audit.Output;
using CityServices.Hashing;
using CityServices.Hashing.Merkle;

namespace CityServices.Audit.Verification;

/// <summary>
/// Walks every anchor on chain and proves each one extends the one before: tree sizes grow, and a
/// consistency proof from the ledger links the two roots. The roots come from the chain; the
/// ledger's copies of them must match, but are never used in their place. Only a proven
/// inconsistency is a break: a ledger that refuses or fails to give a proof, or a chain that cannot
/// be read, ends the run as "could not check", with the pairs verified before it.
/// </summary>
public sealed class AnchorHistoryMonitor(PinnedRegistry registry, LedgerClient ledger, Progress progress)
{
    public async Task<MonitorResult> RunAsync(CancellationToken cancellationToken)
    {
        var (chain, contract) = (registry.Chain, registry.Address);

        // The code first, always: other code (or none) at the pinned address may answer count() with
        // anything, 0 included, and an empty history must not pass for a verified one.
        if (!await chain.IsAnchorRegistryAsync(contract))
        {
            return new MonitorResult(contract, 0, 0, null,
                new AnchorBreak(0, 0, 0, 0, "the code at the pinned registry is not the published AnchorRegistry"));
        }

        var count = await chain.CountAsync(contract);

        ChainAnchor? previous = null;
        long verified = 0;
        for (long index = 0; index < count; index++)
        {
            try
            {
                var current = await chain.AnchorAtAsync(contract, index)
                    ?? throw new ChainException($"anchorAt({index}) vanished while count() said {count}.");
                if (previous is not null)
                {
                    if (await BreakBetweenAsync(previous, current, cancellationToken) is { } reason)
                    {
                        return new MonitorResult(contract, count, verified, previous,
                            new AnchorBreak(previous.Index, current.Index, previous.TreeSize, current.TreeSize, reason));
                    }

                    verified++;
                }

                previous = current;
            }
            catch (Exception e) when (e is LedgerException or CouldNotCheckException or ChainException or HttpRequestException)
            {
                return new MonitorResult(contract, count, verified, previous, null,
                    $"after anchor #{previous?.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: {e.Message}");
            }

            progress.Show(() => $"checked {index + 1:N0} of {count:N0} anchors");
        }

        return new MonitorResult(contract, count, verified, previous, null);
    }

    private async Task<string?> BreakBetweenAsync(ChainAnchor first, ChainAnchor second, CancellationToken cancellationToken)
    {
        if (second.TreeSize <= first.TreeSize)
        {
            return $"the tree size did not grow ({first.TreeSize} then {second.TreeSize})";
        }

        // A refusal or a failure to prove throws: it proves nothing either way, so it is no break.
        var proof = await ledger.ConsistencyAsync(first.TreeSize, second.TreeSize, cancellationToken);

        if (proof.FirstSize != first.TreeSize || proof.SecondSize != second.TreeSize)
        {
            return $"the ledger answered a proof for sizes {proof.FirstSize} and {proof.SecondSize} instead";
        }

        if (!HashText.Same(proof.FirstRoot, first.RootHash) || !HashText.Same(proof.SecondRoot, second.RootHash))
        {
            return $"the ledger's roots ({proof.FirstRoot}, {proof.SecondRoot}) are not the chain's ({first.RootHash}, {second.RootHash}): its log is not the anchored one";
        }

        var result = MerkleVerifier.VerifyConsistency(
            first.TreeSize, second.TreeSize, Hex.DecodeHash(first.RootHash), Hex.DecodeHash(second.RootHash), HashText.TryDecodeAll(proof.Proof));
        return result.IsValid ? null : $"the consistency proof does not verify against the chain's roots: {result.Failure}: {result.Reason}";
    }
}
