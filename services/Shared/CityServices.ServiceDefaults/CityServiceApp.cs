using Microsoft.AspNetCore.Builder;
using CityServices.ServiceDefaults.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Builds a service's web application the one way its Program.cs and its tests both use, so a
/// test host is the shipped service and not a look-alike: the defaults, the service's own
/// registrations, then the caller's overrides (a test's clock), then the middleware, the
/// service's routes and the operational endpoints.
/// </summary>
public static class CityServiceApp
{
    /// <param name="args">Command-line arguments; tests pass settings as <c>--Key=value</c>; <c>--migrate</c> for <c>RunOrMigrateAsync</c>.</param>
    /// <param name="service">The service's descriptor.</param>
    /// <param name="register">The service's own registrations, after the defaults.</param>
    /// <param name="mapRoutes">The service's routes, after the middleware.</param>
    /// <param name="configureServices">Replacements registered last, so they win (tests only).</param>
    /// <param name="configureDefaults">Adjusts the defaults, e.g. the token issuer switching off JWT bearer.</param>
    public static WebApplication Create(
        string[] args,
        CityService service,
        Action<WebApplicationBuilder> register,
        Action<WebApplication> mapRoutes,
        Action<IServiceCollection>? configureServices = null,
        Action<ServiceDefaultsOptions>? configureDefaults = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(mapRoutes);
        var builder = WebApplication.CreateBuilder(SchemaOptions.ReadSwitch(args));
        builder.AddServiceDefaults(service, configureDefaults);
        register(builder);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseServiceDefaults();
        mapRoutes(app);
        app.MapDefaultEndpoints();
        return app;
    }
}
