using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityServices.ServiceDefaults;

/// <summary>
/// One line per request, by path and never with its query string. ASP.NET Core's own request
/// lines write the whole URL, and a query can carry personal text (the reason of an emergency read
/// of a health record): those are held at Warning (<see cref="LoggingDefaults"/>) and this line
/// takes their place, under the request's trace like every other line.
/// </summary>
internal static partial class RequestLog
{
    public const string Category = "CityServices.Requests";

    public static void UseRequestLog(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var path = (context.Request.PathBase + context.Request.Path).ToString();
                    var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    LogRequest(logger, context.Request.Method, path, context.Response.StatusCode, elapsedMs);
                }
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
