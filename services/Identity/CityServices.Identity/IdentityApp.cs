using CityServices.EventPipeline.AuditExport;
using CityServices.Identity.Tokens;
using CityServices.ServiceDefaults;

namespace CityServices.Identity;

/// <summary>
/// The identity service as Program.cs runs it. Tests build it in-process on a real port, with
/// settings as <c>--Key=value</c> arguments and, where they must, services of their own (a clock).
/// </summary>
public static class IdentityApp
{
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null) =>
        CityServiceApp.Create(args, IdentityRegistration.Service,
            register: builder => builder.AddIdentity(),
            mapRoutes: app =>
            {
                app.MapTokenServer();
                app.MapIdentityApi();
                app.MapAuditExport();
            },
            configureServices,
            // The service is the token issuer: it validates its own tokens with OpenIddict, not by
            // fetching its own discovery document over HTTP.
            defaults => defaults.UseJwtBearerAuthentication = false);
}
