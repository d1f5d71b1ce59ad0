using CityServices.EventPipeline.AuditExport;
using CityServices.ServiceDefaults;

namespace CityServices.HealthRecords;

/// <summary>
/// The health-records service as Program.cs runs it. Tests build it in-process on a real port,
/// with settings as <c>--Key=value</c> arguments and, where they must, services of their own (a clock).
/// </summary>
public static class HealthRecordsApp
{
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null) =>
        CityServiceApp.Create(args, HealthRecordsRegistration.Service,
            register: builder => builder.AddHealthRecords(),
            mapRoutes: app =>
            {
                app.MapHealthRecordsApi();
                app.MapAuditExport();
            },
            configureServices);
}
