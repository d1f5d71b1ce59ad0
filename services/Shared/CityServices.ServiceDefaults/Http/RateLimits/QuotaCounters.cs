using System.Collections.Concurrent;

namespace CityServices.ServiceDefaults;

/// <summary>
/// The request counts of every quota's partitions. Windows are aligned to the clock (window n runs
/// from n × length), so the time to the next window is exact and a stale partition is known by its
/// number alone: it is dropped in a sweep every few thousand requests, so a flood of one-off
/// addresses cannot grow the table without bound.
/// </summary>
internal sealed class QuotaCounters(TimeProvider clock)
{
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<(string Quota, string Partition), Counter> _counters = new();
    private long _requests;

    /// <summary>Spends one request of <paramref name="partition"/>'s window; refused requests count too.</summary>
    public QuotaOutcome Spend(IRequestQuota quota, string partition)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var length = Math.Max(TimeSpan.TicksPerSecond, quota.Window.Ticks);
        var window = now / length;
        if (Interlocked.Increment(ref _requests) % SweepEvery == 0)
        {
            Sweep(now);
        }

        var counter = _counters.GetOrAdd((quota.Name, partition), _ => new Counter(length));
        int spent;
        lock (counter)
        {
            if (counter.Window != window)
            {
                counter.Window = window;
                counter.Spent = 0;
            }

            // Capped past the quota: a flood cannot overflow it.
            counter.Spent = Math.Min(counter.Spent + 1, quota.Quota + 1);
            spent = counter.Spent;
        }

        var reset = TimeSpan.FromTicks(((window + 1) * length) - now);
        return new QuotaOutcome(quota, spent <= quota.Quota, Math.Max(0, quota.Quota - spent), reset);
    }

    private void Sweep(long now)
    {
        foreach (var (key, counter) in _counters)
        {
            if (Volatile.Read(ref counter.Window) < now / counter.Length)
            {
                _counters.TryRemove(key, out _);
            }
        }
    }

    private sealed class Counter(long length)
    {
        public long Length { get; } = length;

        public long Window = -1;

        public int Spent;
    }
}

/// <summary>What one request did to one quota: allowed or not, what is left and when the window ends.</summary>
internal sealed record QuotaOutcome(IRequestQuota Quota, bool Allowed, int Remaining, TimeSpan Reset)
{
    /// <summary>Seconds to the next window, rounded up: never 0 while requests are refused.</summary>
    public long ResetSeconds => Math.Max(1, (long)Math.Ceiling(Reset.TotalSeconds));
}
