using CityServices.Audit.Output;

namespace CityServices.Audit.Chain;

/// <summary>
/// The chain, read at the auditor's pinned registry, once the RPC endpoint proved it serves the pinned
/// chain: every verifier takes this type, so none can read anchors from an address it was handed.
/// </summary>
public sealed class PinnedRegistry
{
    private PinnedRegistry(IAnchorRegistry chain, RegistryPin pin) => (Chain, Pin) = (chain, pin);

    public IAnchorRegistry Chain { get; }

    public RegistryPin Pin { get; }

    public string Address => Pin.Registry;

    /// <summary>An endpoint of another chain leaves nothing to conclude: the auditor pointed at the wrong node, or pinned the wrong chain.</summary>
    public static async Task<PinnedRegistry> ConnectAsync(IAnchorRegistry chain, RegistryPin pin)
    {
        var served = await chain.ChainIdAsync();
        return served == pin.ChainId
            ? new PinnedRegistry(chain, pin)
            : throw new AuditInputException($"cannot verify: the RPC endpoint serves chain {served}, but the pinned registry is {pin}: point --rpc at the pinned chain, or check the pin.");
    }
}
