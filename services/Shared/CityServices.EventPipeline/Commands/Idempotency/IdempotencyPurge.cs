using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityServices.EventPipeline.Commands.Idempotency;

/// <summary>
/// Deletes answers past their retention, every <see cref="IdempotencyOptions.PurgeInterval"/>. Every
/// replica may run it: a delete of what expired is the same whoever runs it. An expired answer is
/// never replayed even before it is purged.
/// </summary>
public sealed partial class IdempotencyPurge(
    IDocumentStore store, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyPurge> logger) : BackgroundService
{
    /// <summary>Deletes every answer that expired by now.</summary>
    public async Task PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotentAnswer>(answer => answer.ExpiresAt <= now);
        await session.SaveChangesAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a while; expired answers are never replayed, so a late purge only costs space.
                LogPurgeFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Purging expired idempotency answers failed; retrying at the next interval.")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
