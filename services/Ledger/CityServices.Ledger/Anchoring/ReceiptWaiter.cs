using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Bounded waits on the chain: every wait ends at <c>Ledger:Chain:WaitTimeout</c> with a
/// <see cref="TimeoutException"/>, never hangs (Nethereum's own receipt polling would wait forever
/// for a transaction that will never be mined).
/// </summary>
internal sealed class ReceiptWaiter(AnchorRegistryClient registry, IOptions<AnchoringOptions> options, TimeProvider time)
{
    private readonly ChainOptions _chain = options.Value.Chain;

    public Task<TransactionReceipt> WaitAsync(string transactionHash, CancellationToken cancellationToken) =>
        PollAsync(
            $"the receipt of {transactionHash}",
            async token => await registry.ReceiptAsync(transactionHash, token) is { } receipt ? (true, receipt) : (false, null!),
            cancellationToken);

    /// <summary>Waits until the chain's head reaches <paramref name="blockNumber"/>.</summary>
    public Task<long> WaitForBlockAsync(long blockNumber, CancellationToken cancellationToken) =>
        PollAsync(
            $"block {blockNumber}",
            async token => await registry.BlockNumberAsync(token) is var head && head >= blockNumber ? (true, head) : (false, head),
            cancellationToken);

    private async Task<T> PollAsync<T>(string what, Func<CancellationToken, Task<(bool Done, T Value)>> poll, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_chain.WaitTimeout);
        try
        {
            while (true)
            {
                if (await poll(timeout.Token) is (true, var result))
                {
                    return result;
                }

                await Task.Delay(_chain.PollInterval, time, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {_chain.WaitTimeout} for {what} on chain {_chain.ChainId}.");
        }
    }
}
