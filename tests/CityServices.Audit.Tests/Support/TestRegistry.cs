using System.Numerics;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace CityServices.Audit.Tests.Support;

/// <summary>
/// The committed AnchorRegistry deployed on the real anvil from an account of the test's own, playing
/// the ledger's part: anchoring tree heads. Gas is estimated and receipts checked, as on any chain.
/// </summary>
internal sealed class TestRegistry
{
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(30);

    private readonly Web3 _web3;
    private readonly string _sender;
    private readonly string _abi;
    private readonly int _chainId;

    private TestRegistry(Web3 web3, string sender, string abi, int chainId, string address)
    {
        (_web3, _sender, _abi, _chainId) = (web3, sender, abi, chainId);
        Address = address.ToLowerInvariant();
    }

    public string Address { get; }

    /// <summary>This registry as an auditor pins it: <c>--registry &lt;chainId&gt;:&lt;address&gt;</c>.</summary>
    public string Pin => $"{_chainId}:{Address}";

    /// <summary>Deploys the committed bytecode; a second deployment is a look-alike of the first (same code, another address).</summary>
    public static async Task<TestRegistry> DeployAsync(CityInfrastructure infrastructure)
    {
        var folder = Path.Combine(infrastructure.RepositoryRoot ?? throw new InvalidOperationException("CITY_ROOT is not set."), "contracts", "AnchorRegistry");
        return await DeployCodeAsync(
            infrastructure,
            await File.ReadAllTextAsync(Path.Combine(folder, "AnchorRegistry.abi.json")),
            (await File.ReadAllTextAsync(Path.Combine(folder, "AnchorRegistry.bin"))).Trim());
    }

    /// <summary>A contract whose code is not the registry's: its runtime only returns 42 to any call.</summary>
    public static Task<TestRegistry> DeployOtherCodeAsync(CityInfrastructure infrastructure) =>
        DeployCodeAsync(infrastructure, "[]", "0x600a600c600039600a6000f3602a60005260206000f3");

    /// <summary>Deploys the committed bytecode on another chain (one of a test's own) from the given account.</summary>
    public static async Task<TestRegistry> DeployOnAsync(CityInfrastructure infrastructure, Uri rpcUrl, string privateKey, int chainId)
    {
        var folder = Path.Combine(infrastructure.RepositoryRoot ?? throw new InvalidOperationException("CITY_ROOT is not set."), "contracts", "AnchorRegistry");
        return await DeployCodeAsync(
            new Account(privateKey, chainId),
            rpcUrl,
            await File.ReadAllTextAsync(Path.Combine(folder, "AnchorRegistry.abi.json")),
            (await File.ReadAllTextAsync(Path.Combine(folder, "AnchorRegistry.bin"))).Trim());
    }

    private static async Task<TestRegistry> DeployCodeAsync(CityInfrastructure infrastructure, string abi, string bytecode) =>
        await DeployCodeAsync(new Account(await infrastructure.FundNewAccountAsync(), infrastructure.ChainId), infrastructure.ChainRpcUrl, abi, bytecode);

    private static async Task<TestRegistry> DeployCodeAsync(Account account, Uri rpcUrl, string abi, string bytecode)
    {
        var web3 = new Web3(account, rpcUrl.ToString());
        var gas = await web3.Eth.DeployContract.EstimateGasAsync(abi, bytecode, account.Address);
        using var timeout = Timeout();
        var receipt = await web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(abi, bytecode, account.Address, gas, timeout.Token);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return new TestRegistry(web3, account.Address, abi, (int)account.ChainId!.Value, receipt.ContractAddress);
    }

    /// <summary>Anchors a tree head and returns the anchor as the ledger's API would list it.</summary>
    public async Task<Anchor> AnchorAsync(long index, byte[] root, long treeSize)
    {
        var anchor = _web3.Eth.GetContract(_abi, Address).GetFunction("anchor");
        var gas = await anchor.EstimateGasAsync(_sender, null, null, root, (ulong)treeSize);
        using var timeout = Timeout();
        TransactionReceipt receipt = await anchor.SendTransactionAndWaitForReceiptAsync(_sender, gas, null, timeout.Token, root, (ulong)treeSize);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return new Anchor(index, treeSize, Hex.Encode(root), _chainId, Address, receipt.TransactionHash,
            (long)receipt.BlockNumber.Value, receipt.BlockHash, DateTimeOffset.UtcNow);
    }

    private static CancellationTokenSource Timeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        source.CancelAfter(ReceiptTimeout);
        return source;
    }
}
