namespace CityServices.Ledger.Tests.Support;

/// <summary>The ledger as these tests run it: the shared <see cref="LedgerHost"/>, giving up on a message after three tries.</summary>
internal static class TestLedger
{
    public static Task<ServiceHost> StartAsync(CityInfrastructure infrastructure, string postgres, string prefix, params string[] settings) =>
        LedgerHost.StartAsync(infrastructure, LedgerApp.Create, "ledger", prefix, postgres, ["--Messaging:Retry:Limit=3", .. settings]);
}
