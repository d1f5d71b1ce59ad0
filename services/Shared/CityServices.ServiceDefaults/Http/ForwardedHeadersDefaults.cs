using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Services sit behind the gateway, so the client's address arrives in <c>X-Forwarded-For</c>. It
/// is believed from one hop only, and only from a trusted proxy: loopback by default (the gateway of
/// <c>./city up</c>). In Kubernetes, where only the gateway can reach a service (NetworkPolicy),
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> makes ASP.NET Core trust the pod network instead.
/// Without this, per-client limits (the ledger's) would see every caller as the gateway.
/// </summary>
internal static class ForwardedHeadersDefaults
{
    public static void AddForwardedHeadersDefaults(this IHostApplicationBuilder builder, ServiceDefaultsOptions defaults)
    {
        if (!defaults.TrustForwardedHeaders)
        {
            return;
        }

        builder.Services.AddSingleton<TrustsForwardedHeaders>();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
        });
    }

    public static void UseForwardedHeadersDefaults(this WebApplication app)
    {
        if (app.Services.GetService<TrustsForwardedHeaders>() is not null)
        {
            app.UseForwardedHeaders();
        }
    }

    /// <summary>Marks a service that registered the forwarded-headers defaults.</summary>
    private sealed class TrustsForwardedHeaders;
}
