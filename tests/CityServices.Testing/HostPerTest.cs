using Xunit;

namespace CityServices.Testing;

/// <summary>
/// A test class whose every test gets a host of its own (xunit makes one instance per test): started
/// before the test and disposed after it, so no test sees another's database or messages.
/// </summary>
public abstract class HostPerTest<THost>(Func<Task<THost>> start) : IAsyncLifetime where THost : IAsyncDisposable
{
    protected THost Host { get; private set; } = default!;

    public virtual async ValueTask InitializeAsync() => Host = await start();

    public virtual async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
