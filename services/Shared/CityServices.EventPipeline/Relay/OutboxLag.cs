using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityServices.EventPipeline.Relay;

/// <summary>
/// How far the outbox relay is behind: the events stored but not yet published, and the age of the
/// oldest of them, read from the event store every few seconds. While the broker is away writes
/// still succeed (they only append), so this, not readiness, is what shows the outage's backlog;
/// every replica reports the same figures, as they describe the shared store.
/// </summary>
public sealed partial class OutboxLag(NpgsqlDataSource dataSource, StoredEventReader reader, IMeterFactory meters, TimeProvider clock, ILogger<OutboxLag> logger)
    : BackgroundService
{
    /// <summary>How often the store is asked; alerts look at minutes, tests at seconds.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    // Marten's progress row of the relay's subscription (its only shard).
    private const string ProgressName = OutboxRelay.SubscriptionName + ":All";

    private long _pending;
    private double _ageSeconds;

    /// <summary>Events stored but not yet published, as last read.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>How long the oldest unpublished event has waited, as last read; zero when none waits.</summary>
    public TimeSpan Age => TimeSpan.FromSeconds(Volatile.Read(ref _ageSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var meter = meters.Create(OutboxRelay.ActivitySourceName);
        meter.CreateObservableGauge("city.outbox.pending", () => Pending, unit: "{event}",
            description: "Events stored but not yet published by the outbox relay.");
        meter.CreateObservableGauge("city.outbox.lag", () => Age.TotalSeconds, unit: "s",
            description: "Age of the oldest event stored but not yet published; 0 when the relay is caught up.");

        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await ReadAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database being away is readiness' business; the figures keep their last value.
                LogReadFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        var events = $"\"{reader.Schema}\".mt_events";
        await using var command = dataSource.CreateCommand($"""
            with published as (select coalesce((select last_seq_id from "{reader.Schema}".mt_event_progression where name = $1), 0) as seq)
            select count(*), min(e.timestamp) from {events} e, published p where e.seq_id > p.seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ProgressName });
        await using var row = await command.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        var pending = row.GetInt64(0);
        var age = pending == 0 || row.IsDBNull(1) ? TimeSpan.Zero : clock.GetUtcNow() - row.GetFieldValue<DateTimeOffset>(1);
        Interlocked.Exchange(ref _pending, pending);
        Volatile.Write(ref _ageSeconds, Math.Max(0, age.TotalSeconds));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the outbox relay's lag ({Error})")]
    private static partial void LogReadFailed(ILogger logger, string error);
}
