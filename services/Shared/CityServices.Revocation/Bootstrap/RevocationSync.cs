using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityServices.Revocation.Bootstrap;

/// <summary>
/// Seeds <see cref="RevokedCredentials"/> from identity's revocation list when the process starts,
/// and again each time the feed's queue is bound anew (<see cref="FeedReconnected"/>): a temporary
/// queue dies with its connection, so whatever identity published while the broker was away is read
/// from the list instead. Nothing waits on it: the process serves with what it knows, and an
/// unreachable identity is tried again with a growing pause, counted and logged, until it answers.
/// </summary>
public sealed partial class RevocationSync(
    IRevocationSource source, RevocationSyncRequests requests, RevokedCredentials revoked, IMeterFactory meters, ILogger<RevocationSync> logger)
    : BackgroundService
{
    /// <summary>The meter of the sync's instruments, collected by the shared telemetry.</summary>
    public const string MeterName = "CityServices.Revocation";

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    private Counter<long>? _failures;
    private volatile bool _synced;

    /// <summary>Whether the latest requested sync has completed: the view holds everything identity knew then.</summary>
    public bool IsSynced => _synced && requests.Pending.Count == 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("city.revocation.synced", () => IsSynced ? 1 : 0,
            description: "1 once identity's revocation list has been read since start or the feed's last reconnect; 0 while it is still being tried.");
        _failures = meter.CreateCounter<long>("city.revocation.sync.failures", description: "Failed attempts to read identity's revocation list.");

        requests.Request();
        await foreach (var _ in requests.Pending.ReadAllAsync(stoppingToken))
        {
            _synced = false;
            await UntilSyncedAsync(stoppingToken);
        }
    }

    private async Task UntilSyncedAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var count = await SyncAsync(ct);
                _synced = true;
                LogSynced(logger, count, attempt);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                _failures?.Add(1);
                var pause = TimeSpan.FromSeconds(Math.Min(LongestPause.TotalSeconds, Math.Pow(2, Math.Min(attempt - 1, 5))));
                LogSyncFailed(logger, e, attempt, pause.TotalSeconds);
                await Task.Delay(pause, ct);
            }
        }
    }

    private async Task<int> SyncAsync(CancellationToken ct)
    {
        var count = 0;
        long? after = 0;
        while (after is { } cursor)
        {
            var page = await source.ReadAsync(cursor, RevocationListPage.MaxLimit, ct);
            foreach (var entry in page.Revocations)
            {
                entry.ApplyTo(revoked);
            }

            count += page.Revocations.Count;
            after = page.Next;
        }

        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Count} revocations from identity (attempt {Attempt})")]
    private static partial void LogSynced(ILogger logger, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not read identity's revocation list (attempt {Attempt}); tokens revoked before this process's feed started may pass until it is read. Trying again in {PauseSeconds} s")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, int attempt, double pauseSeconds);
}
