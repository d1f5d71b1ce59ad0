using CityServices.EventPipeline.AuditExport;
using CityServices.ServiceDefaults;

namespace CityServices.CityTemplate;

/// <summary>
/// The service as Program.cs runs it. Tests build it in-process on a real port, with settings as
/// <c>--Key=value</c> arguments and, where they must, services of their own (a clock).
/// </summary>
public static class CityTemplateApp
{
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null) =>
        CityServiceApp.Create(args, CityTemplateRegistration.Service,
            register: builder => builder.AddCityTemplate(),
            mapRoutes: app =>
            {
                app.MapCityTemplateApi();
                app.MapAuditExport();
            },
            configureServices);
}
