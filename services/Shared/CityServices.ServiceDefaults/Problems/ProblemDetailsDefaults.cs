using System.Diagnostics;
using CityServices.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>Every error a service returns is an RFC 9457 problem that names its trace.</summary>
internal static class ProblemDetailsDefaults
{
    public static void AddProblemDetailsDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var request = context.HttpContext.Request;
            // The path only: a query string may carry personal data that must not echo into error reports.
            context.ProblemDetails.Instance ??= $"{request.PathBase}{request.Path}";
            context.ProblemDetails.Extensions["traceId"] = TraceIdOf(context.HttpContext);
            // One URI per kind of error, whoever wrote the problem (docs/api-conventions.md).
            context.ProblemDetails.Type = ProblemTypes.Of(context.ProblemDetails);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // A body or parameter that cannot be bound throws instead of answering a bare 400, so the
        // exception handler can say which field is wrong, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // A misspelt field is a mistake the caller must hear about, not a value silently dropped.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
    }

    public static void UseProblemDetailsDefaults(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Expected outcomes (a 409, a malformed body) are not errors of the service: only the
            // unexpected keep the framework's error log, error.type metric tag and diagnostics event.
            SuppressDiagnosticsCallback = context => context.Exception is ProblemException or BadHttpRequestException,
        });
        // Bare 401/403/404/405/413 responses, with no body of their own, become problems too.
        app.UseStatusCodePages();
    }

    /// <summary>The W3C trace id (32 hex digits): the key a trace backend and the JSON logs share.</summary>
    internal static string TraceIdOf(HttpContext context) =>
        (context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current)?.TraceId.ToHexString()
        ?? context.TraceIdentifier;
}
