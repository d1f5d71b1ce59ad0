using CityServices.Ledger.Api;
using CityServices.ServiceDefaults;

namespace CityServices.Ledger;

/// <summary>
/// The ledger service as Program.cs runs it. Tests build it in-process on a real port, with
/// settings as <c>--Key=value</c> arguments.
/// </summary>
public static class LedgerApp
{
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddLedger();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseRequestQuotas();
        app.MapLedgerApi();
        app.MapDefaultEndpoints();
        return app;
    }
}
