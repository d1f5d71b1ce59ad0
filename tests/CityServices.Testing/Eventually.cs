namespace CityServices.Testing;

/// <summary>
/// Waits for an asynchronous outcome — a message consumed, leaves appended, an anchor confirmed —
/// polling until it holds or a deadline passes, so tests wait exactly as long as they must.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? Patience).TotalSeconds:0}s waiting for {what}; last value: {value}.");
            }

            await Task.Delay(50);
        }
    }

    public static Task<T> Until<T>(Func<T> probe, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(probe()), done, what, timeout);
}
