using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityServices.ServiceDefaults.Schema;

/// <summary>How a service declares its schema and how its Program.cs serves or migrates.</summary>
public static partial class SchemaMigrationExtensions
{
    /// <summary>Adds one part of the service's schema; parts are applied in the order they are added.</summary>
    public static IServiceCollection AddSchemaMigration<TMigration>(this IServiceCollection services)
        where TMigration : class, ISchemaMigration
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ISchemaMigration, TMigration>();
        return services;
    }

    /// <summary>The options and the start-up gate; part of the service defaults.</summary>
    internal static IHostApplicationBuilder AddSchemaDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchemaOptions>().BindConfiguration(SchemaOptions.Section);
        // First of the lifecycle services (the defaults are registered first), so its StartingAsync runs before theirs.
        builder.Services.AddHostedService<SchemaGate>();
        return builder;
    }

    /// <summary>
    /// Serves, or with <c>--migrate</c> (<c>Schema:Migrate=true</c>) applies every schema part in
    /// order without starting the host (no bus, no workers, no port) and returns: 0 when all are
    /// in place (a part already in place is left untouched), 1 when one failed (logged). Program.cs: <c>return await XxxApp.Create(args).RunOrMigrateAsync();</c>
    /// </summary>
    public static async Task<int> RunOrMigrateAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue<bool>($"{SchemaOptions.Section}:{nameof(SchemaOptions.Migrate)}"))
        {
            await app.RunAsync();
            return 0;
        }

        await using (app)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CityServices.Schema");
            var stopping = app.Lifetime.ApplicationStopping;
            try
            {
                foreach (var migration in app.Services.GetServices<ISchemaMigration>())
                {
                    var check = await migration.CheckAsync(stopping);
                    if (check.State != SchemaState.InPlace)
                    {
                        await migration.ApplyAsync(stopping);
                        LogApplied(logger, migration.Describes, check.Detail);
                    }
                    else
                    {
                        LogInPlace(logger, migration.Describes);
                    }
                }

                return 0;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogFailed(logger, exception);
                return 1;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema: {Describes} applied (it was: {Missing})")]
    private static partial void LogApplied(ILogger logger, string describes, string missing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema: {Describes} already in place, nothing changed")]
    private static partial void LogInPlace(ILogger logger, string describes);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Schema migration failed; the database keeps what committed before the failure")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
