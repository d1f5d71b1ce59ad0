using System.Numerics;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace CityServices.Bench.Audit;

/// <summary>The committed AnchorRegistry deployed on anvil from a fresh account: the bench plays the ledger's anchoring writer.</summary>
internal sealed class BenchRegistry
{
    private readonly Web3 _web3;
    private readonly string _sender;
    private readonly Nethereum.Contracts.Function _anchor;

    private BenchRegistry(Web3 web3, string sender, string abi, string address, int chainId)
    {
        (_web3, _sender, Address, ChainId) = (web3, sender, address.ToLowerInvariant(), chainId);
        _anchor = web3.Eth.GetContract(abi, address).GetFunction("anchor");
    }

    public string Address { get; }

    public int ChainId { get; }

    /// <summary>As an auditor pins it: <c>--registry &lt;chainId&gt;:&lt;address&gt;</c>.</summary>
    public string Pin => $"{ChainId}:{Address}";

    public static async Task<BenchRegistry> DeployAsync(BenchInfrastructure infrastructure, string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "contracts", "AnchorRegistry");
        var abi = await File.ReadAllTextAsync(Path.Combine(folder, "AnchorRegistry.abi.json"));
        var bytecode = (await File.ReadAllTextAsync(Path.Combine(folder, "AnchorRegistry.bin"))).Trim();
        var account = new Account(await infrastructure.FundNewAccountAsync(), infrastructure.ChainId);
        var web3 = new Web3(account, infrastructure.ChainRpc.ToString());
        var gas = await web3.Eth.DeployContract.EstimateGasAsync(abi, bytecode, account.Address);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var receipt = await web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(abi, bytecode, account.Address, gas, timeout.Token);
        return receipt.Status.Value == BigInteger.One
            ? new BenchRegistry(web3, account.Address, abi, receipt.ContractAddress, infrastructure.ChainId)
            : throw new InvalidOperationException("The AnchorRegistry deployment reverted.");
    }

    /// <summary>Anchors a tree head; returns where it was mined.</summary>
    public async Task<(string TransactionHash, long BlockNumber, string BlockHash)> AnchorAsync(byte[] root, long treeSize)
    {
        // Estimated each time: estimation also surfaces a revert, and a call without gas is never mined.
        var gas = await _anchor.EstimateGasAsync(_sender, null, null, root, (ulong)treeSize);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var receipt = await _anchor.SendTransactionAndWaitForReceiptAsync(_sender, gas, null, timeout.Token, root, (ulong)treeSize);
        return receipt.Status.Value == BigInteger.One
            ? (receipt.TransactionHash, (long)receipt.BlockNumber.Value, receipt.BlockHash)
            : throw new InvalidOperationException($"The anchor of size {treeSize} reverted.");
    }
}
