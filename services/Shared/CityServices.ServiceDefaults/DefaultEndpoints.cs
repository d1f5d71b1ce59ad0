using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace CityServices.ServiceDefaults;

/// <summary>The operational endpoints, mapped in every environment: Kubernetes and the gateway need them in production.</summary>
public static class DefaultEndpoints
{
    /// <summary>Prefix of the health endpoints.</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness: the process answers; no dependency is checked.</summary>
    public const string LivenessPath = "/health/live";

    /// <summary>Readiness: every check tagged <see cref="HealthDefaults.ReadyTag"/> passes.</summary>
    public const string ReadinessPath = "/health/ready";

    /// <summary>Prometheus scrape endpoint, on the management port (<c>Metrics:Port</c>) only.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The OpenAPI document.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The browsable API reference (Scalar).</summary>
    public const string ApiReferencePath = "/scalar";

    /// <summary>Maps health, the OpenAPI document and its browsable reference, all anonymous, and metrics on the management port.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        MapHealth(app, LivenessPath, HealthDefaults.LiveTag);
        MapHealth(app, ReadinessPath, HealthDefaults.ReadyTag);
        app.MapMetricsEndpoint();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(ApiReferencePath, options => options
            .WithTitle(app.Services.GetService<CityService>()?.DisplayName ?? ServiceName.Of(app.Configuration, app.Environment))
            .AddPreferredSecuritySchemes(BearerSecuritySchemeTransformer.SchemeName)
            // A city's API reference phones home to no one.
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp())
            .AllowAnonymous();
        return app;
    }

    private static void MapHealth(IEndpointRouteBuilder endpoints, string path, string tag) =>
        endpoints.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(tag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous().DisableHttpMetrics();
}
