using Microsoft.Extensions.Options;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.NonceServices;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Polly;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// The ledger account on the configured chain: one Web3 client and ONE nonce service for the
/// account, shared by every transaction this process sends, so two sends never take one nonce.
/// </summary>
internal sealed class ChainConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly InMemoryNonceService _nonces;

    public ChainConnection(IOptions<AnchoringOptions> options, ILogger<ChainConnection> logger)
    {
        var chain = options.Value.Chain;
        // A client of our own, without the default resilience handler: retrying a JSON-RPC POST
        // twice over would double every back-off, and ChainResilience already decides what to retry.
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new RpcClient(chain.RpcUrl!, _http);
        Account = new Account(chain.PrivateKey!, chain.ChainId);
        _nonces = new InMemoryNonceService(Account.Address, client);
        Account.NonceService = _nonces;
        Web3 = new Web3(Account, client);
        Resilience = ChainResilience.Create(logger);
    }

    public Account Account { get; }

    public Web3 Web3 { get; }

    public ResiliencePipeline Resilience { get; }

    /// <summary>
    /// Forgets the locally counted nonce, so the next transaction takes the chain's pending count:
    /// after a failed send (which may leave a gap) or a reorganisation (which may roll it back).
    /// </summary>
    public Task ResetNonceAsync() => _nonces.ResetNonceAsync();

    /// <summary>Runs one RPC call under the transport retry policy.</summary>
    public async Task<T> CallAsync<T>(Func<Web3, Task<T>> call, CancellationToken cancellationToken) =>
        await Resilience.ExecuteAsync(async _ => await call(Web3), cancellationToken);

    public void Dispose() => _http.Dispose();
}
