namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>Deploys the committed AnchorRegistry bytecode, and anchors on it, as an operator would, from the account of <c>web3</c>.</summary>
internal static class RegistryDeployment
{
    public static async Task<string> DeployAsync(Web3 web3, CityInfrastructure infrastructure)
    {
        var (abi, bytecode) = (Artefact(infrastructure, "AnchorRegistry.abi.json"), Artefact(infrastructure, "AnchorRegistry.bin").Trim());
        var from = web3.TransactionManager.Account.Address;
        var gas = await web3.Eth.DeployContract.EstimateGasAsync(abi, bytecode, from);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var receipt = await web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(abi, bytecode, from, gas, timeout.Token);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return receipt.ContractAddress.ToLowerInvariant();
    }

    /// <summary>Anchors <paramref name="root"/> and <paramref name="treeSize"/> from the account of <c>web3</c>, as the ledger would.</summary>
    public static async Task<Nethereum.RPC.Eth.DTOs.TransactionReceipt> AnchorAsync(Web3 web3, string registry, byte[] root, long treeSize)
    {
        var anchor = new AnchorFunction { Root = root, TreeSize = treeSize };
        var handler = web3.Eth.GetContractTransactionHandler<AnchorFunction>();
        anchor.Gas = await handler.EstimateGasAsync(registry, anchor);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var receipt = await handler.SendRequestAndWaitForReceiptAsync(registry, anchor, timeout);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return receipt;
    }

    private static string Artefact(CityInfrastructure infrastructure, string file) =>
        File.ReadAllText(Path.Combine(infrastructure.RepositoryRoot!, "contracts", "AnchorRegistry", file));
}
