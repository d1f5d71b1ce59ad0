using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace CityServices.Contracts.Tests.AnchorRegistry;

/// <summary>
/// One account's view of a deployed registry, driven by the committed ABI. Every transaction
/// follows the rules this chain taught us: estimate gas first (which also surfaces a revert),
/// send with that explicit gas (a send without it went out with 21000 gas and was never mined),
/// check the receipt's status (a mined revert does not throw), and bound every wait.
/// </summary>
internal sealed class RegistryClient
{
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(30);

    private readonly CityInfrastructure _chain;
    private readonly Contract _contract;
    private readonly string _abi;

    private RegistryClient(CityInfrastructure chain, string privateKey, string abi, string contractAddress)
    {
        _chain = chain;
        _abi = abi;
        var account = new Account(privateKey, chain.ChainId);
        Sender = account.Address.ToLowerInvariant();
        Web3 = new Web3(account, chain.ChainRpcUrl.ToString());
        _contract = Web3.Eth.GetContract(abi, contractAddress);
    }

    public string Sender { get; }

    public string ContractAddress => _contract.Address;

    public Web3 Web3 { get; }

    /// <summary>Deploys the committed bytecode from the account of <paramref name="privateKey"/>, which becomes the owner.</summary>
    public static async Task<RegistryClient> DeployAsync(CityInfrastructure chain, string privateKey, CommittedArtefacts artefacts)
    {
        var (abi, bytecode) = (artefacts.Abi, artefacts.Bytecode);
        var deployer = new RegistryClient(chain, privateKey, abi, contractAddress: "0x0000000000000000000000000000000000000000");
        var deploy = deployer.Web3.Eth.DeployContract;
        var gas = await deploy.EstimateGasAsync(abi, bytecode, deployer.Sender);
        using var timeout = Timeout();
        var receipt = await deploy.SendRequestAndWaitForReceiptAsync(abi, bytecode, deployer.Sender, gas, timeout.Token);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return new RegistryClient(chain, privateKey, abi, receipt.ContractAddress);
    }

    /// <summary>The same registry as seen by another account.</summary>
    public RegistryClient As(string privateKey) => new(_chain, privateKey, _abi, ContractAddress);

    public Task<TransactionReceipt> AnchorAsync(byte[] root, ulong treeSize) => TransactAsync("anchor", root, treeSize);

    public Task<TransactionReceipt> TransferOwnershipAsync(string newOwner) => TransactAsync("transferOwnership", newOwner);

    public Task<TransactionReceipt> AcceptOwnershipAsync() => TransactAsync("acceptOwnership");

    /// <summary>The custom error a transaction would revert with, from gas estimation.</summary>
    public async Task<ContractError> RefusalAsync(string function, params object[] arguments)
    {
        var refusal = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(
            () => _contract.GetFunction(function).EstimateGasAsync(Sender, null, null, arguments));
        return Decode(refusal.ExceptionEncodedData);
    }

    /// <summary>The custom error a view reverts with.</summary>
    public async Task<ContractError> CallRefusalAsync(string function, params object[] arguments)
    {
        var refusal = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(
            () => _contract.GetFunction(function).CallDecodingToDefaultAsync(arguments));
        return Decode(refusal.ExceptionEncodedData);
    }

    /// <summary>
    /// Sends a transaction with the given gas and no estimate, as a careless or hostile client
    /// would, and returns its receipt: the chain itself must refuse it (status 0).
    /// </summary>
    public async Task<TransactionReceipt> SendUncheckedAsync(string function, ulong gas, params object[] arguments)
    {
        using var timeout = Timeout();
        return await _contract.GetFunction(function)
            .SendTransactionAndWaitForReceiptAsync(Sender, new HexBigInteger(gas), null, timeout.Token, arguments);
    }

    public async Task<ulong> CountAsync() => (ulong)await _contract.GetFunction("count").CallAsync<BigInteger>();

    public Task<string> OwnerAsync() => AddressAsync("owner");

    public Task<string> PendingOwnerAsync() => AddressAsync("pendingOwner");

    public async Task<(ulong Index, AnchorEntry Anchor)> LatestAsync()
    {
        var outputs = await _contract.GetFunction("latest").CallDecodingToDefaultAsync();
        return ((ulong)(BigInteger)Output(outputs, "index"), Entry(outputs));
    }

    public async Task<AnchorEntry> AnchorAtAsync(ulong index) =>
        Entry(await _contract.GetFunction("anchorAt").CallDecodingToDefaultAsync(new BigInteger(index)));

    public IReadOnlyList<AnchoredEvent> AnchoredEvents(TransactionReceipt receipt) =>
        [.. _contract.GetEvent("Anchored").DecodeAllEventsDefaultForEvent(receipt.Logs).Select(log => new AnchoredEvent(
            (ulong)(BigInteger)Output(log.Event, "index"),
            Convert.ToHexStringLower((byte[])Output(log.Event, "root")),
            (ulong)(BigInteger)Output(log.Event, "treeSize"),
            ((string)Output(log.Event, "submitter")).ToLowerInvariant()))];

    /// <summary>The timestamp of the block a receipt's transaction was mined in.</summary>
    public async Task<ulong> BlockTimestampAsync(TransactionReceipt receipt)
    {
        var block = await Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(receipt.BlockNumber));
        return (ulong)block.Timestamp.Value;
    }

    private static CancellationTokenSource Timeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        source.CancelAfter(ReceiptTimeout);
        return source;
    }

    private static object Output(List<ParameterOutput> outputs, string name) =>
        outputs.Single(output => output.Parameter.Name == name).Result;

    private static AnchorEntry Entry(List<ParameterOutput> outputs) => new(
        Convert.ToHexStringLower((byte[])Output(outputs, "root")),
        (ulong)(BigInteger)Output(outputs, "treeSize"),
        (ulong)(BigInteger)Output(outputs, "blockNumber"),
        (ulong)(BigInteger)Output(outputs, "timestamp"));

    private async Task<TransactionReceipt> TransactAsync(string function, params object[] arguments)
    {
        var call = _contract.GetFunction(function);
        var gas = await call.EstimateGasAsync(Sender, null, null, arguments);
        using var timeout = Timeout();
        var receipt = await call.SendTransactionAndWaitForReceiptAsync(Sender, gas, null, timeout.Token, arguments);
        Assert.True(receipt.Status.Value == BigInteger.One, $"{function} was mined but reverted (transaction {receipt.TransactionHash}).");
        return receipt;
    }

    private async Task<string> AddressAsync(string function) =>
        (await _contract.GetFunction(function).CallAsync<string>()).ToLowerInvariant();

    private ContractError Decode(string data)
    {
        var errors = _contract.ContractBuilder.ContractABI.Errors.ToList();
        var error = ErrorExtensions.FindErrorABIForExceptionData(errors, data)
            ?? throw new InvalidOperationException($"The revert data {data} matches no error in the committed ABI.");
        var arguments = ErrorExtensions.DecodeExceptionEncodedDataToDefault(error, data)
            .Select(output => $"{output.Parameter.Name}={(output.Result is string text ? text.ToLowerInvariant() : output.Result)}");
        return new ContractError(error.Name, string.Join(", ", arguments));
    }
}
