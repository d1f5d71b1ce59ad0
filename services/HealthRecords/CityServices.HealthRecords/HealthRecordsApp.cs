using CityServices.EventPipeline.AuditExport;
using CityServices.ServiceDefaults;

namespace CityServices.HealthRecords;

/// <summary>
/// The health-records service as Program.cs runs it. Tests build it in-process on a real port,
/// with settings as <c>--Key=value</c> arguments and, where they must, services of their own (a clock).
/// </summary>
public static class HealthRecordsApp
{
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(HealthRecordsRegistration.Service);
        var events = builder.AddHealthRecords();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapHealthRecordsApi();
        app.MapAuditExport(events).RequireScope(CityScopes.Audit).WithTags(HealthRecordsApi.Tag);
        app.MapDefaultEndpoints();
        return app;
    }
}
