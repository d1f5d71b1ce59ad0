using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityServices.ServiceDefaults;

/// <summary>
/// <c>Metrics:Port</c>: the management port that alone serves the Prometheus scrape endpoint. Metrics
/// name routes, clients and volumes, so the public port never serves them (it answers 404), and the
/// management port is one no Service, Ingress or gateway route exposes. 0 (the default): no scrape
/// endpoint at all (OTLP export, when configured, still carries the metrics).
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    [Range(0, 65535, ErrorMessage = "Metrics:Port must be between 1 and 65535, or 0 for no scrape endpoint.")]
    public int Port { get; set; }
}

internal static class MetricsEndpointDefaults
{
    public static void AddMetricsEndpointDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section);
        var port = builder.Configuration.GetValue<int>($"{MetricsOptions.Section}:Port");
        if (port is > 0 and <= 65535)
        {
            // The public addresses stay what urls / http_ports say; the management one joins them.
            var urls = PublicUrls(builder.Configuration);
            urls.Add(string.Create(CultureInfo.InvariantCulture, $"http://{BindingAddress.Parse(urls[0]).Host}:{port}"));
            builder.Configuration[WebHostDefaults.ServerUrlsKey] = string.Join(';', urls);
        }
    }

    /// <summary>Maps the scrape endpoint on the management port only; elsewhere <c>/metrics</c> is a 404.</summary>
    public static void MapMetricsEndpoint(this WebApplication app)
    {
        var port = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Port;
        if (port == 0)
        {
            return;
        }

        app.MapPrometheusScrapingEndpoint(DefaultEndpoints.MetricsPath)
            .AllowAnonymous()
            .DisableHttpMetrics()
            // The port the connection arrived on, not the Host header: a Host header names any port.
            .Add(endpoint =>
            {
                var scrape = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    if (context.Connection.LocalPort == port)
                    {
                        return scrape(context);
                    }

                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                };
            });
    }

    private static List<string> PublicUrls(IConfiguration configuration)
    {
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]).ToList();
        if (urls.Count == 0)
        {
            urls.AddRange(Split(configuration[WebHostDefaults.HttpPortsKey]).Select(p => $"http://*:{p}"));
            urls.AddRange(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(p => $"https://*:{p}"));
        }

        return urls.Count > 0 ? urls : ["http://localhost:5000"];
    }

    private static string[] Split(string? list) =>
        (list ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
