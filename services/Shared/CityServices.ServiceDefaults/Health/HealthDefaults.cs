using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>Liveness (the process answers) and readiness (its dependencies answer) checks.</summary>
public static class HealthDefaults
{
    /// <summary>Checks with this tag run on <c>/health/live</c>: never a dependency, or a database
    /// outage would make Kubernetes restart every healthy pod.</summary>
    public const string LiveTag = "live";

    /// <summary>Checks with this tag run on <c>/health/ready</c>: only what a request needs (the
    /// service's database). MassTransit tags its bus check "ready" too; AddCityMessaging caps it at
    /// Degraded, so a broker outage shows there without failing readiness (docs/event-pipeline.md).</summary>
    public const string ReadyTag = "ready";

    /// <summary>The connection string whose presence adds a PostgreSQL readiness check.</summary>
    public const string PostgresConnectionStringName = "Postgres";

    internal static void AddHealthDefaults(this IHostApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        var postgres = builder.Configuration.GetConnectionString(PostgresConnectionStringName);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            // A bounded timeout keeps a hung database from hanging the probe past Kubernetes' own.
            checks.AddNpgSql(postgres, name: "postgres", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        }
    }
}
