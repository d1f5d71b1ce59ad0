using System.Numerics;
using Microsoft.Extensions.Options;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Finds the AnchorRegistry to anchor on: the configured address, else the one this ledger
/// deployed earlier on this chain, else a fresh deployment of the committed bytecode, recorded so
/// that a restart reuses it. Any address must hold exactly the committed runtime code.
/// </summary>
internal sealed class RegistryResolver(
    AnchorRegistryClient registry,
    AnchorStore store,
    ReceiptWaiter receipts,
    IOptions<AnchoringOptions> options,
    ILogger<RegistryResolver> logger)
{
    private readonly ChainOptions _chain = options.Value.Chain;

    public async Task<string> ResolveAsync(CancellationToken cancellationToken)
    {
        var chainId = await registry.ChainIdAsync(cancellationToken);
        if (chainId != _chain.ChainId)
        {
            throw new AnchoringHaltedException(
                $"The node at Ledger:Chain:RpcUrl reports chain id {chainId}, not the configured Ledger:Chain:ChainId {_chain.ChainId}.");
        }

        if (!string.IsNullOrEmpty(_chain.ContractAddress))
        {
            await RequireRegistryCodeAsync(_chain.ContractAddress, "Ledger:Chain:ContractAddress", cancellationToken);
            return _chain.ContractAddress.ToLowerInvariant();
        }

        if (await store.RecordedRegistryAsync(chainId, cancellationToken) is { } recorded)
        {
            await RequireRegistryCodeAsync(recorded, "ledger.anchor_registry", cancellationToken);
            return recorded;
        }

        return await DeployAsync(chainId, cancellationToken);
    }

    private async Task<string> DeployAsync(long chainId, CancellationToken cancellationToken)
    {
        var transaction = await registry.SendDeploymentAsync(cancellationToken);
        var receipt = await receipts.WaitAsync(transaction, cancellationToken);
        if (receipt.Status?.Value != BigInteger.One || string.IsNullOrEmpty(receipt.ContractAddress))
        {
            throw new InvalidOperationException($"Deploying the AnchorRegistry failed on chain (transaction {transaction}).");
        }

        await store.RecordRegistryAsync(chainId, receipt.ContractAddress, transaction, cancellationToken);
        logger.RegistryDeployed(receipt.ContractAddress, chainId, transaction, registry.Account);
        return receipt.ContractAddress.ToLowerInvariant();
    }

    private async Task RequireRegistryCodeAsync(string address, string source, CancellationToken cancellationToken)
    {
        var code = await registry.CodeAsync(address, cancellationToken);
        if (!string.Equals(code, AnchorRegistryArtefacts.RuntimeBytecode, StringComparison.OrdinalIgnoreCase))
        {
            throw new AnchoringHaltedException(
                $"{address} (from {source}) on chain {_chain.ChainId} does not hold the committed AnchorRegistry code " +
                $"({(code is null or "0x" ? "no code at all: a reset chain or a wrong address" : "different code")}).");
        }
    }
}
