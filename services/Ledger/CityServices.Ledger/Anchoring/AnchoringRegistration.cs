using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Schema;

namespace CityServices.Ledger.Anchoring;

/// <summary>Checkpoints and chain anchors: options, the registry client and the single anchoring writer.</summary>
public static class AnchoringRegistration
{
    public static IHostApplicationBuilder AddAnchoring(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<AnchoringOptions>(AnchoringOptions.Section)
            .Configure<IConfiguration>(UsePlatformChainSettings);
        builder.Services.AddSchemaMigration<AnchoringSchema>();
        builder.Services.AddSingleton<AnchoringMetrics>();
        builder.Services.AddSingleton<ChainConnection>();
        builder.Services.AddSingleton<AnchorRegistryClient>();
        builder.Services.AddSingleton<ReceiptWaiter>();
        builder.Services.AddSingleton<AnchorStore>();
        builder.Services.AddSingleton<CheckpointWriter>();
        builder.Services.AddSingleton<RegistryResolver>();
        builder.Services.AddSingleton<CheckpointAnchorer>();
        builder.Services.AddSingleton<AnchoringLeadership>();
        // Read at registration so that a proof-only replica never builds the chain client.
        if (builder.Configuration.GetValue($"{AnchoringOptions.Section}:{nameof(AnchoringOptions.RunAnchoring)}", true))
        {
            builder.Services.AddHostedService<AnchoringWorker>();
        }

        return builder;
    }

    /// <summary>
    /// <c>./city</c> gives every service <c>Chain:RpcUrl</c> and <c>Chain:ChainId</c>; the ledger
    /// takes them unless its own <c>Ledger:Chain:*</c> keys say otherwise.
    /// </summary>
    private static void UsePlatformChainSettings(AnchoringOptions options, IConfiguration configuration)
    {
        if (options.Chain.RpcUrl is null && configuration["Chain:RpcUrl"] is { Length: > 0 } rpcUrl)
        {
            options.Chain.RpcUrl = Uri.TryCreate(rpcUrl, UriKind.RelativeOrAbsolute, out var uri) ? uri : null;
        }

        if (options.Chain.ChainId == 0 && long.TryParse(configuration["Chain:ChainId"], out var chainId))
        {
            options.Chain.ChainId = chainId;
        }
    }
}
