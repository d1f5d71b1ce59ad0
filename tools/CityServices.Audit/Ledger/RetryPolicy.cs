namespace CityServices.Audit.Ledger;

/// <summary>
/// The one retry policy of every call city-audit makes over HTTP (the ledger, an export URL, the
/// token endpoint): a refusal (429) or an unavailable service (503, or no connection) is retried
/// after the wait the server asked for in <c>Retry-After</c>, capped at <see cref="MaxWait"/>, or,
/// when it named none, after an exponential backoff with full jitter; after <see cref="Retries"/>
/// retries the run could not check.
/// </summary>
/// <param name="Retries">How many times one call is retried before giving up.</param>
/// <param name="FirstBackoff">The backoff ceiling of the first retry without Retry-After; it doubles each retry.</param>
/// <param name="MaxWait">The longest single wait, whatever Retry-After says: a server asking for an hour is treated as out.</param>
public sealed record RetryPolicy(int Retries, TimeSpan FirstBackoff, TimeSpan MaxWait)
{
    /// <summary>Eight retries, backoff from 0.5 s, waits of at most a minute: about four minutes of a ledger's refusals.</summary>
    public static RetryPolicy Default { get; } = new(8, TimeSpan.FromSeconds(0.5), TimeSpan.FromMinutes(1));

    /// <summary>How long to wait before retry number <paramref name="retry"/> (0 for the first).</summary>
    /// <param name="retry">Which retry this is, from 0.</param>
    /// <param name="retryAfter">The server's Retry-After, if it sent one.</param>
    /// <param name="jitter">A number in [0, 1), random in real use.</param>
    public TimeSpan WaitBefore(int retry, TimeSpan? retryAfter, double jitter)
    {
        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > MaxWait ? MaxWait : asked;
        }

        // Full jitter (every client picks anywhere below the ceiling): clients refused together do not come back together.
        var ceiling = FirstBackoff * Math.Pow(2, Math.Min(retry, 30));
        return (ceiling > MaxWait ? MaxWait : ceiling) * jitter;
    }
}
