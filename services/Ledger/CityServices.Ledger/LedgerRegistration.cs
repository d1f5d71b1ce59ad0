using CityServices.Ledger.Anchoring;
using CityServices.Ledger.Api;
using CityServices.Ledger.Log;
using CityServices.ServiceDefaults;

namespace CityServices.Ledger;

/// <summary>Everything the ledger registers, in the order it depends on it.</summary>
public static class LedgerRegistration
{
    /// <summary>
    /// The service alias (the API prefix <c>/api/ledger</c>, telemetry's service name). No scope:
    /// every route is a public read, and leaves arrive over the broker.
    /// </summary>
    public static readonly CityService Service = new("ledger", "Ledger");

    public static IHostApplicationBuilder AddLedger(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddLedgerLog();
        builder.AddAnchoring();
        builder.AddLedgerApi();
        return builder;
    }
}
