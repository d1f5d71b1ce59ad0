using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CityServices.ServiceDefaults;

/// <summary>One JSON object per line on stdout: what every log collector in a cluster reads best.</summary>
internal static class LoggingDefaults
{
    public static void AddLoggingDefaults(this IHostApplicationBuilder builder)
    {
        // The formatter writes the trace and span ids as top-level fields, so a log line leads to
        // its trace; the activity-tracking scope would only repeat them inside Scopes.
        builder.Logging.AddConsole(options => options.FormatterName = CityJsonFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<CityJsonFormatter, ConsoleFormatterOptions>();

        // Hosting's request lines hold the full URL, query string included, whatever the
        // configuration asks: a query may carry personal text. RequestLog logs requests instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
    }
}
