namespace CityServices.EventPipeline.Tests.Support;

/// <summary>Waits for an asynchronous outcome (a message consumed, a page relayed) with a deadline.</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}; last value: {value}.");
            }

            await Task.Delay(50);
        }
    }

    public static Task<T> Until<T>(Func<T> probe, Func<T, bool> done, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(probe()), done, timeout, what);
}
