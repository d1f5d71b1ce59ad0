using CityServices.Audit.Chain;
using CityServices.Audit.Ledger;

namespace CityServices.Audit.Verification;

/// <summary>
/// Whether a ledger <see cref="Anchor"/> is really in the auditor's pinned registry: the pinned chain
/// and address, the published registry code there, and <c>anchorAt(index)</c> returning the same root
/// and tree size. The chain's anchor is returned so callers verify proofs against the chain's values,
/// never the ledger's.
/// </summary>
public static class AnchorCheck
{
    public const string Name = "anchor on chain";

    /// <summary>The check that the anchor names the pinned chain and registry, before anything is read there.</summary>
    public const string PinName = "pinned registry";

    public static async Task<(Check Check, ChainAnchor? OnChain)> RunAsync(PinnedRegistry registry, Anchor anchor)
    {
        if (anchor.ChainId != registry.Pin.ChainId)
        {
            return (Check.Fail(PinName, $"the anchor is on chain {anchor.ChainId}, not on the pinned chain {registry.Pin.ChainId}"), null);
        }

        if (!HashText.Same(anchor.Contract, registry.Address))
        {
            return (Check.Fail(PinName, $"the anchor is in registry {anchor.Contract}, not in the pinned registry {registry.Address}: an anchor in any other contract proves nothing"), null);
        }

        var chain = registry.Chain;
        if (!await chain.IsAnchorRegistryAsync(registry.Address))
        {
            return (Check.Fail(Name, $"the code at the pinned registry {registry.Address} is not the published AnchorRegistry (contracts/AnchorRegistry/AnchorRegistry.runtime.bin)"), null);
        }

        var onChain = await chain.AnchorAtAsync(registry.Address, anchor.Index);
        if (onChain is null)
        {
            var count = await chain.CountAsync(registry.Address);
            return (Check.Fail(Name, $"anchor #{anchor.Index} does not exist: the registry {registry.Address} holds {count} anchors"), null);
        }

        if (!HashText.Same(onChain.RootHash, anchor.RootHash) || onChain.TreeSize != anchor.TreeSize)
        {
            return (Check.Fail(Name, $"anchor #{anchor.Index} on chain is root {onChain.RootHash} of size {onChain.TreeSize}, "
                + $"not root {anchor.RootHash} of size {anchor.TreeSize} as claimed"), onChain);
        }

        return (Check.Pass(Name, $"anchor #{anchor.Index} in the pinned registry {registry.Pin} (block {onChain.BlockNumber}): root {onChain.RootHash}, size {onChain.TreeSize}"), onChain);
    }
}
