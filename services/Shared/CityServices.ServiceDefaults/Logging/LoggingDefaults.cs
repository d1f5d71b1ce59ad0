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

        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            // Without a format the JSON formatter writes no timestamp at all.
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        });
    }
}
