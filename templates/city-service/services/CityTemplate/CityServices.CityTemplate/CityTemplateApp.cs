using CityServices.EventPipeline.AuditExport;
using CityServices.ServiceDefaults;

namespace CityServices.CityTemplate;

/// <summary>
/// The service as Program.cs runs it. Tests build it in-process on a real port, with settings as
/// <c>--Key=value</c> arguments and, where they must, services of their own (a clock).
/// </summary>
public static class CityTemplateApp
{
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(CityTemplateRegistration.Service);
        var events = builder.AddCityTemplate();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapCityTemplateApi();
        app.MapAuditExport(events).RequireScope(CityScopes.Audit);
        app.MapDefaultEndpoints();
        return app;
    }
}
