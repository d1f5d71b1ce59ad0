using CityServices.ServiceDefaults.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>
/// The cross-cutting concerns every CityServices service takes with three calls:
/// <c>AddServiceDefaults</c>, <see cref="UseServiceDefaults"/> and
/// <see cref="DefaultEndpoints.MapDefaultEndpoints"/>.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Registers JSON logs, OpenTelemetry, health checks, problem details, JWT bearer authentication,
    /// the OpenAPI document and resilient HttpClients. Call it first, before the service's own registrations.
    /// </summary>
    /// <remarks>
    /// Request validation is the one default a service must switch on itself:
    /// <c>builder.Services.AddValidation()</c> in its own assembly, because the validation source
    /// generator sees only the types of the assembly that makes the call. Failures then come out
    /// as 400 problems with an <c>errors</c> dictionary, like every other error here.
    /// </remarks>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, Action<ServiceDefaultsOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var serviceName = ServiceName.Of(builder);
        return builder.AddDefaults(serviceName, serviceName, configure);
    }

    /// <summary>
    /// The defaults for a domain service: its <paramref name="service"/> descriptor names it in
    /// telemetry (unless <c>Service:Name</c> says otherwise) and titles its OpenAPI document, and
    /// is registered for the building blocks that build routes and <c>Location</c> headers.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, CityService service, Action<ServiceDefaultsOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        if (string.IsNullOrWhiteSpace(builder.Configuration[ServiceName.ConfigurationKey]))
        {
            builder.Configuration[ServiceName.ConfigurationKey] = service.Alias;
        }

        builder.Services.AddSingleton(service);
        return builder.AddDefaults(ServiceName.Of(builder), service.DisplayName, configure);
    }

    private static TBuilder AddDefaults<TBuilder>(this TBuilder builder, string serviceName, string title, Action<ServiceDefaultsOptions>? configure)
        where TBuilder : IHostApplicationBuilder
    {
        var defaults = new ServiceDefaultsOptions();
        configure?.Invoke(defaults);

        // One clock for decisions, token lifetimes and retention; tests replace it.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddLoggingDefaults();
        builder.AddTelemetryDefaults(serviceName);
        builder.AddCommandMetrics(serviceName);
        builder.AddMetricsEndpointDefaults();
        builder.AddHealthDefaults();
        builder.AddProblemDetailsDefaults();
        builder.AddJsonDefaults();
        builder.AddAuthenticationDefaults(defaults);
        builder.AddOpenApiDefaults(title, defaults);
        builder.AddRequestLimitsDefaults();
        builder.AddHttpClientDefaults();
        builder.AddForwardedHeadersDefaults(defaults);
        builder.AddSchemaDefaults();
        return builder;
    }

    /// <summary>
    /// Adds the middleware in the order that makes every error a problem: forwarded headers (from a
    /// trusted proxy only), trace header, exception
    /// handler, status-code pages, the query string's text policy, then authentication and authorization. Call it right after
    /// <c>Build()</c>, before mapping endpoints.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="beforeAuthorization">
    /// Middleware that needs the authenticated caller but must answer before authorization can
    /// refuse the request. Services pass nothing; the gateway adds CORS here (a preflight carries no
    /// token) and its rate limits (requests that authorization refuses must count too).
    /// </param>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? beforeAuthorization = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeadersDefaults();
        app.UseRequestLog();
        app.UseTraceResponseHeader();
        app.UseCommandMetrics();
        app.UseProblemDetailsDefaults();
        app.UseQueryTextPolicy();
        // Explicit calls: WebApplication would otherwise add these itself, ahead of the exception
        // handler and status-code pages, and a 401 or 403 would leave without a problem body.
        app.UseAuthentication();
        beforeAuthorization?.Invoke(app);
        app.UseAuthorization();
        return app;
    }
}
