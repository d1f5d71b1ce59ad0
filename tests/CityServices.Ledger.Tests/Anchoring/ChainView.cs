using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>What an auditor reads from the chain, without trusting the ledger's database.</summary>
internal sealed class ChainView(Uri rpcUrl)
{
    private readonly Web3 _web3 = new(rpcUrl.ToString());

    public Web3 Web3 => _web3;

    public async Task<long> CountAsync(string contract) =>
        (long)await _web3.Eth.GetContractQueryHandler<CountFunction>().QueryAsync<BigInteger>(contract, new CountFunction());

    /// <summary>Anchor <paramref name="index"/> as (root hex, tree size).</summary>
    public async Task<(string Root, long TreeSize)> AnchorAtAsync(string contract, long index)
    {
        var output = await _web3.Eth.GetContractQueryHandler<AnchorAtFunction>()
            .QueryDeserializingToObjectAsync<AnchorAtOutput>(new AnchorAtFunction { Index = index }, contract);
        return (Convert.ToHexStringLower(output.Root), (long)output.TreeSize);
    }

    public async Task<string?> BlockHashAsync(long number) =>
        (await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(number)))?.BlockHash;

    public Task<TransactionReceipt?> ReceiptAsync(string transactionHash) =>
        _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash)!;

    public async Task<long> BlockNumberAsync() => (long)(await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

    /// <summary>How many transactions an account has had mined.</summary>
    public async Task<long> NonceAsync(string address) =>
        (long)(await _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(address, BlockParameter.CreateLatest())).Value;

    /// <summary>How many transactions an account has sent, those still waiting in the pool included.</summary>
    public async Task<long> PendingNonceAsync(string address) =>
        (long)(await _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(address, BlockParameter.CreatePending())).Value;

    public async Task<string> CodeAsync(string address) => await _web3.Eth.GetCode.SendRequestAsync(address);
}
