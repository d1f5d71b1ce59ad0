using System.ComponentModel.DataAnnotations;
using CityServices.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityServices.EventPipeline.Receipts;

/// <summary>Where the ledger's public API is (section <c>Ledger</c>), for services that build receipts.</summary>
public sealed class LedgerClientOptions
{
    public const string Section = "Ledger";

    [Required(ErrorMessage = "Ledger:BaseUrl is required to build receipts.")]
    [AbsoluteUri]
    public Uri? BaseUrl { get; set; }
}

public static class ReceiptsExtensions
{
    /// <summary>Registers <see cref="LedgerProofClient"/> and <see cref="ReceiptAnswers"/> (with ServiceDefaults' standard resilience).</summary>
    public static IHostApplicationBuilder AddLedgerProofs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<LedgerClientOptions>(LedgerClientOptions.Section);
        builder.Services.AddHttpClient<LedgerProofClient>((services, http) =>
            http.BaseAddress = services.GetRequiredService<IOptions<LedgerClientOptions>>().Value.BaseUrl);
        builder.Services.AddScoped<ReceiptAnswers>();
        return builder;
    }
}
