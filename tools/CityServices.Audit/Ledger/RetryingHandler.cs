using System.Net;
using CityServices.Audit.Output;

namespace CityServices.Audit.Ledger;

/// <summary>
/// Applies <see cref="RetryPolicy"/> to every request of the tool's HttpClient. Only idempotent reads
/// are sent through it (GETs, and the token request, which creates nothing), so a retry repeats nothing.
/// </summary>
public sealed class RetryingHandler(RetryPolicy policy, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>The HttpClient every command uses: one policy for every call.</summary>
    public static HttpClient CreateClient(RetryPolicy policy) =>
        new(new RetryingHandler(policy, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            string failure;
            TimeSpan? retryAfter = null;
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
                {
                    return response;
                }

                failure = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                retryAfter = RetryAfterOf(response);
                response.Dispose();
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer in time ({e.Message})";
            }

            if (retry >= policy.Retries)
            {
                throw new CouldNotCheckException(
                    $"{request.RequestUri} still answered {failure} after {policy.Retries} retries; nothing was proven wrong, run again later.");
            }

            await Task.Delay(policy.WaitBefore(retry, retryAfter, Random.Shared.NextDouble()), cancellationToken);
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
