using Nethereum.JsonRpc.Client;
using Polly;
using Polly.Retry;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Retries for JSON-RPC transport faults only (node unreachable, timed out): a node's answer,
/// even an error, is deterministic and goes back to the caller. Longer outages outlast the
/// retries on purpose; the anchoring cycle then logs and tries again at its next tick.
/// </summary>
internal static class ChainResilience
{
    public static ResiliencePipeline Create(ILogger logger) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<RpcClientUnknownException>()
                .Handle<RpcClientTimeoutException>()
                .Handle<HttpRequestException>(),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxRetryAttempts = 3,
            OnRetry = arguments =>
            {
                logger.ChainCallRetried(arguments.Outcome.Exception, arguments.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .Build();
}
