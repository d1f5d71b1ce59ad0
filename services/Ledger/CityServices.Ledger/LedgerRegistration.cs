using CityServices.Ledger.Anchoring;
using CityServices.Ledger.Api;
using CityServices.Ledger.Log;

namespace CityServices.Ledger;

/// <summary>Everything the ledger registers, in the order it depends on it.</summary>
public static class LedgerRegistration
{
    public static IHostApplicationBuilder AddLedger(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddLedgerLog();
        builder.AddAnchoring();
        builder.AddLedgerApi();
        return builder;
    }
}
