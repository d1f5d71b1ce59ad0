using CityServices.EventPipeline.AuditExport;
using CityServices.EventPipeline.TestService.Permits;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Schema;

namespace CityServices.EventPipeline.TestService;

/// <summary>
/// The permits service as a Program.cs would build it. Tests build it in-process on a real port
/// (settings as <c>--Key=value</c> arguments) or run it as a child process (also with <c>--migrate</c>).
/// </summary>
public static class PermitsApp
{
    public const string AuditScope = "audit";

    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(SchemaOptions.ReadSwitch(args));
        builder.AddServiceDefaults(PermitsApi.Service);
        var events = builder.AddPermits();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapPermitsApi();
        app.MapAuditExport(events).RequireScope(AuditScope);
        app.MapDefaultEndpoints();
        return app;
    }
}
