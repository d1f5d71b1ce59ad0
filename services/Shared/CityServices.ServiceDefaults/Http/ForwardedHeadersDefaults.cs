using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Services sit behind the gateway, so the client's address arrives in <c>X-Forwarded-For</c>. It
/// is believed from one hop only, and only from a proxy listed in <c>ForwardedHeaders</c>: none by
/// default, not even loopback (any local process could otherwise pick its own address). <c>./city
/// up</c> lists the gateway's loopback address; the chart lists the pod network the gateway runs in.
/// Without a listed proxy, per-client limits (the ledger's) see every caller as the gateway.
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
        builder.AddValidatedOptions<TrustedProxiesOptions>(TrustedProxiesOptions.Section)
            .Validate(trusted => trusted.KnownProxies.All(proxy => IPAddress.TryParse(proxy, out _)),
                $"{TrustedProxiesOptions.Section}:KnownProxies must list IP addresses (10.1.2.3, ::1).")
            .Validate(trusted => trusted.KnownNetworks.All(network => IPNetwork.TryParse(network, out _)),
                $"{TrustedProxiesOptions.Section}:KnownNetworks must list networks in CIDR notation (10.0.0.0/8).");
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            // ASP.NET Core trusts loopback unless told otherwise: only what is configured counts.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds loopback and is still consulted
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(IPNetwork.Parse(network));
            }
        });
    }

    public static void UseForwardedHeadersDefaults(this WebApplication app)
    {
        // With both lists empty ASP.NET Core believes every caller: no listed proxy, no middleware.
        if (app.Services.GetService<TrustsForwardedHeaders>() is not null
            && app.Services.GetRequiredService<IOptions<TrustedProxiesOptions>>().Value is { } trusted
            && (trusted.KnownProxies.Count > 0 || trusted.KnownNetworks.Count > 0))
        {
            app.UseForwardedHeaders();
        }
    }

    /// <summary>Marks a service that registered the forwarded-headers defaults.</summary>
    private sealed class TrustsForwardedHeaders;
}

/// <summary>
/// <c>ForwardedHeaders</c>: the proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> a service believes
/// (<c>ForwardedHeaders:KnownProxies:0=127.0.0.1</c>, <c>ForwardedHeaders:KnownNetworks:0=10.244.0.0/16</c>).
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Single proxy addresses; none by default.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation; none by default.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
