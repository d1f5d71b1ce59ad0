using CityServices.EventPipeline.AuditExport;
using CityServices.EventPipeline.TestService.Permits;
using MassTransit;

namespace CityServices.EventPipeline.TestService;

/// <summary>
/// The permits service as a Program.cs would build it. Tests build it in-process on a real port
/// (settings as <c>--Key=value</c> arguments) or run it as a child process.
/// </summary>
public static class PermitsApp
{
    public static WebApplication Create(string[] args, Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var events = builder.AddPermits(addConsumers);

        var app = builder.Build();
        app.MapPermitsApi();
        app.MapAuditExport(events);
        return app;
    }
}
