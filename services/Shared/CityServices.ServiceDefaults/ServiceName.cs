using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>The name a service reports in telemetry and docs: <c>Service:Name</c>, else the application name.</summary>
public static class ServiceName
{
    /// <summary>The configuration key that names the service, e.g. <c>health-records</c>.</summary>
    public const string ConfigurationKey = "Service:Name";

    /// <summary>Resolves the service name of <paramref name="builder"/>.</summary>
    public static string Of(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Of(builder.Configuration, builder.Environment);
    }

    /// <summary>Resolves the service name from configuration, falling back to the application name.</summary>
    public static string Of(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[ConfigurationKey];
        return string.IsNullOrWhiteSpace(configured) ? environment.ApplicationName : configured;
    }
}
