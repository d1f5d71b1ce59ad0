using CityServices.Ledger.Api;
using CityServices.ServiceDefaults;

namespace CityServices.Ledger;

/// <summary>
/// The ledger service as Program.cs runs it. Tests build it in-process on a real port, with
/// settings as <c>--Key=value</c> arguments.
/// </summary>
public static class LedgerApp
{
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null) =>
        CityServiceApp.Create(args, LedgerRegistration.Service,
            register: builder => builder.AddLedger(),
            mapRoutes: app =>
            {
                // Its public reads are rate-limited per client address; the other services sit behind the gateway's limits.
                app.UseRequestQuotas();
                app.MapLedgerApi();
            },
            configureServices);
}
