using CityServices.Audit.Chain;
using CityServices.Audit.Ledger;

namespace CityServices.Audit.Verification;

/// <summary>
/// Whether a ledger <see cref="Anchor"/> is really on chain: the right chain, the published registry
/// code, and <c>anchorAt(index)</c> returning the same root and tree size. The chain's anchor is
/// returned so callers verify proofs against the chain's values, never the ledger's.
/// </summary>
public static class AnchorCheck
{
    public const string Name = "anchor on chain";

    public static async Task<(Check Check, ChainAnchor? OnChain)> RunAsync(IAnchorRegistry chain, Anchor anchor, string? expectedContract)
    {
        if (expectedContract is not null && !HashText.Same(expectedContract, anchor.Contract))
        {
            return (Check.Fail(Name, $"the anchor names contract {anchor.Contract}, not the registry {expectedContract} you gave"), null);
        }

        var chainId = await chain.ChainIdAsync();
        if (chainId != anchor.ChainId)
        {
            return (Check.Fail(Name, $"the anchor is on chain {anchor.ChainId}, but the RPC endpoint serves chain {chainId}"), null);
        }

        if (!await chain.IsAnchorRegistryAsync(anchor.Contract))
        {
            return (Check.Fail(Name, $"the code at {anchor.Contract} is not the published AnchorRegistry (contracts/AnchorRegistry/AnchorRegistry.runtime.bin)"), null);
        }

        var onChain = await chain.AnchorAtAsync(anchor.Contract, anchor.Index);
        if (onChain is null)
        {
            var count = await chain.CountAsync(anchor.Contract);
            return (Check.Fail(Name, $"anchor #{anchor.Index} does not exist: the registry {anchor.Contract} holds {count} anchors"), null);
        }

        if (!HashText.Same(onChain.RootHash, anchor.RootHash) || onChain.TreeSize != anchor.TreeSize)
        {
            return (Check.Fail(Name, $"anchor #{anchor.Index} on chain is root {onChain.RootHash} of size {onChain.TreeSize}, "
                + $"not root {anchor.RootHash} of size {anchor.TreeSize} as claimed"), onChain);
        }

        return (Check.Pass(Name, $"anchor #{anchor.Index} on chain {chainId} at {anchor.Contract} (block {onChain.BlockNumber}): root {onChain.RootHash}, size {onChain.TreeSize}"), onChain);
    }
}
