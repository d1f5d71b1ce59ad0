namespace CityServices.Ledger.Tests.Support;

/// <summary>The ledger as these tests run it: the shared <see cref="LedgerHost"/>, giving up on a message after three tries.</summary>
internal static class TestLedger
{
    public static Task<ServiceHost> StartAsync(CityInfrastructure infrastructure, string postgres, string prefix, params string[] settings) =>
        StartAsync(infrastructure, postgres, prefix, _ => { }, settings);

    /// <param name="configureServices">Test-only registrations (a log listener), after the ledger's own.</param>
    public static Task<ServiceHost> StartAsync(
        CityInfrastructure infrastructure, string postgres, string prefix, Action<IServiceCollection> configureServices, params string[] settings) =>
        LedgerHost.StartAsync(
            infrastructure,
            (args, configure) => LedgerApp.Create(args, services =>
            {
                configure?.Invoke(services);
                configureServices(services);
            }),
            "ledger",
            prefix,
            postgres,
            ["--Messaging:Retry:Limit=3", .. settings]);
}
