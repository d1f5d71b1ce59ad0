using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Writes each check's status as JSON, so an operator sees which dependency is down. Exception
/// messages stay out: they can carry host names and connection details; the logs have them.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                // A check that failed with an exception often copies its message here (NpgSql does).
                description = entry.Value.Exception is null ? entry.Value.Description : null,
                durationMs = entry.Value.Duration.TotalMilliseconds,
                tags = entry.Value.Tags,
            }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
