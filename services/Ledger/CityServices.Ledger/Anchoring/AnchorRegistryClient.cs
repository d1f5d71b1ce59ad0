using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// The AnchorRegistry calls the ledger makes. Every transaction follows what this chain taught us:
/// estimate gas first (it also surfaces a revert), sign with an explicit gas limit and the shared
/// nonce, and never trust a send until a receipt with status 1 says so.
/// </summary>
internal sealed class AnchorRegistryClient(ChainConnection chain)
{
    // Estimates are exact for the state they ran on; the margin covers a first-write slot or a
    // node whose estimate runs a little short.
    private const int GasMarginPercent = 20;

    public string Account => chain.Account.Address;

    public async Task<long> ChainIdAsync(CancellationToken cancellationToken) =>
        (long)(await chain.CallAsync(web3 => web3.Eth.ChainId.SendRequestAsync(), cancellationToken)).Value;

    public Task<string> CodeAsync(string address, CancellationToken cancellationToken) =>
        chain.CallAsync(web3 => web3.Eth.GetCode.SendRequestAsync(address), cancellationToken);

    public async Task<long> BlockNumberAsync(CancellationToken cancellationToken) =>
        (long)(await chain.CallAsync(web3 => web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(), cancellationToken)).Value;

    public Task<BlockWithTransactionHashes?> BlockAsync(long number, CancellationToken cancellationToken) =>
        chain.CallAsync<BlockWithTransactionHashes?>(
            web3 => web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(number)),
            cancellationToken);

    public Task<TransactionReceipt?> ReceiptAsync(string transactionHash, CancellationToken cancellationToken) =>
        chain.CallAsync<TransactionReceipt?>(
            web3 => web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash),
            cancellationToken);

    /// <summary>Sends the registry's creation transaction; returns its hash.</summary>
    public async Task<string> SendDeploymentAsync(CancellationToken cancellationToken)
    {
        var (abi, bytecode) = (AnchorRegistryArtefacts.Abi, AnchorRegistryArtefacts.Bytecode);
        var gas = await chain.CallAsync(web3 => web3.Eth.DeployContract.EstimateGasAsync(abi, bytecode, Account), cancellationToken);
        return await SendAsync(new TransactionInput { From = Account, Data = "0x" + bytecode, Gas = WithMargin(gas) }, cancellationToken);
    }

    /// <summary>Sends <c>anchor(root, treeSize)</c>; returns the transaction hash.</summary>
    public async Task<string> SendAnchorAsync(string contract, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var message = new AnchorFunction { Root = checkpoint.RootHash, TreeSize = checkpoint.TreeSize, FromAddress = Account };
        var handler = chain.Web3.Eth.GetContractTransactionHandler<AnchorFunction>();
        var gas = await chain.CallAsync(_ => handler.EstimateGasAsync(contract, message), cancellationToken);
        message.Gas = WithMargin(gas);
        return await SendAsync(message.CreateTransactionInput(contract), cancellationToken);
    }

    public async Task<long> CountAsync(string contract, CancellationToken cancellationToken)
    {
        var handler = chain.Web3.Eth.GetContractQueryHandler<CountFunction>();
        return (long)await chain.CallAsync(_ => handler.QueryAsync<BigInteger>(contract, new CountFunction()), cancellationToken);
    }

    public async Task<OnChainAnchor> AnchorAtAsync(string contract, long index, CancellationToken cancellationToken)
    {
        var handler = chain.Web3.Eth.GetContractQueryHandler<AnchorAtFunction>();
        var output = await chain.CallAsync(
            _ => handler.QueryDeserializingToObjectAsync<AnchorAtOutput>(new AnchorAtFunction { Index = index }, contract),
            cancellationToken);
        return new OnChainAnchor(index, output.Root, (long)output.TreeSize, (long)output.BlockNumber);
    }

    /// <summary>The <c>Anchored</c> log of anchor <paramref name="anchor"/>, read from the block the registry recorded.</summary>
    public async Task<FilterLog?> AnchoredLogAsync(string contract, OnChainAnchor anchor, CancellationToken cancellationToken)
    {
        var anchored = chain.Web3.Eth.GetEvent<AnchoredEventDto>(contract);
        var block = new BlockParameter(new HexBigInteger(anchor.BlockNumber));
        var filter = anchored.CreateFilterInput(new BigInteger(anchor.Index), block, block);
        var logs = await chain.CallAsync(_ => anchored.GetAllChangesAsync(filter), cancellationToken);
        return logs.Select(log => log.Log).FirstOrDefault();
    }

    /// <summary>The index of the anchor a mined receipt of <paramref name="contract"/> created, if any.</summary>
    public static long? AnchorIndexIn(TransactionReceipt receipt, string contract) =>
        receipt.DecodeAllEvents<AnchoredEventDto>()
            .Where(log => string.Equals(log.Log.Address, contract, StringComparison.OrdinalIgnoreCase))
            .Select(log => (long?)(long)log.Event.Index)
            .FirstOrDefault();

    private async Task<string> SendAsync(TransactionInput input, CancellationToken cancellationToken)
    {
        try
        {
            var signed = await chain.Web3.TransactionManager.SignTransactionAsync(input);
            return await chain.CallAsync(web3 => web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(signed), cancellationToken);
        }
        catch
        {
            // The nonce was taken from the local counter; if the node never accepted it, the
            // next send would leave a gap that blocks every later transaction.
            await chain.ResetNonceAsync();
            throw;
        }
    }

    private static HexBigInteger WithMargin(HexBigInteger estimate) =>
        new(estimate.Value * (100 + GasMarginPercent) / 100);
}
