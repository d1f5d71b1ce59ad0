using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Answers every request with a W3C <c>traceresponse</c> header (Trace Context Level 2: the
/// <c>traceparent</c> format, sent back). W3C trace context already carries the correlation in;
/// this carries it out, on successes too, so a client can quote the trace of any call. A custom
/// X-Correlation-Id would be a second, competing id for the same thing.
/// </summary>
internal static class TraceResponseHeader
{
    public const string HeaderName = "traceresponse";

    public static void UseTraceResponseHeader(this WebApplication app) => app.Use((context, next) =>
    {
        // OnStarting, because the exception handler clears headers set before it runs.
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            if ((http.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } activity)
            {
                var flags = activity.Recorded ? "01" : "00";
                http.Response.Headers[HeaderName] = $"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{flags}";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
