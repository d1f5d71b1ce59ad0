using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CityServices.ServiceDefaults;

/// <summary>Lets a service add its own instrumentation to the shared telemetry pipeline.</summary>
public static class TelemetrySourceExtensions
{
    /// <summary>
    /// Collects traces from the <c>ActivitySource</c> and metrics from the <c>Meter</c> named
    /// <paramref name="name"/>. A source and meter named after <c>Service:Name</c> are collected
    /// already; use this for further ones, e.g. a library's.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetrySource(this IHostApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(name))
            .WithMetrics(metrics => metrics.AddMeter(name));
        return builder;
    }
}
