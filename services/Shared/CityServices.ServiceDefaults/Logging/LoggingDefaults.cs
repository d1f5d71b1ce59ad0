using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityServices.ServiceDefaults;

/// <summary>One JSON object per line on stdout: what every log collector in a cluster reads best.</summary>
internal static class LoggingDefaults
{
    public static void AddLoggingDefaults(this IHostApplicationBuilder builder)
    {
        // Trace and span ids ride along as a scope on every entry, so a log line leads to its trace.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        // Hosting's request lines hold the full URL, query string included, whatever the
        // configuration asks: a query may carry personal text. RequestLog logs requests instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            // Without a format the JSON formatter writes no timestamp at all.
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        });
    }
}
