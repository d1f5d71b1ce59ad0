namespace CityServices.Gateway.Tests.Support;

/// <summary>
/// One test issuer and one echo backend for a class whose tests each start a gateway of their own
/// in front of them, with the settings the test is about.
/// </summary>
public abstract class IssuerAndBackend : IAsyncLifetime
{
    private protected TestIssuer Issuer { get; private set; } = null!;

    private protected EchoBackend Backend { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        Backend = await EchoBackend.StartAsync("backend");
    }

    public async ValueTask DisposeAsync()
    {
        await Backend.DisposeAsync();
        await Issuer.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
