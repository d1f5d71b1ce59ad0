using CityServices.Ledger.Proofs;
using CityServices.ServiceDefaults;

namespace CityServices.Ledger.Api;

/// <summary>The public read API: proof services, options and the per-client rate limit.</summary>
public static class LedgerApiRegistration
{
    public static IHostApplicationBuilder AddLedgerApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<LedgerApiOptions>(LedgerApiOptions.Section);
        builder.Services.AddSingleton<AnchoredCheckpoints>();
        builder.Services.AddSingleton<InclusionProofs>();
        builder.Services.AddSingleton<ConsistencyProofs>();
        builder.Services.AddSingleton<LeafListings>();
        builder.Services.AddSingleton<BatchInclusionProofs>();
        builder.Services.AddRequestQuota<ClientIpRateLimitPolicy>();
        return builder;
    }
}
