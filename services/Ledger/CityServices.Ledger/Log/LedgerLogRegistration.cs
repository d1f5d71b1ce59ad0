using CityServices.EventPipeline;
using CityServices.Ledger.Log.Ingest;
using CityServices.Ledger.Log.Storage;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Schema;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityServices.Ledger.Log;

/// <summary>The Merkle log: its PostgreSQL store and the consumer that appends to it.</summary>
public static class LedgerLogRegistration
{
    public static IHostApplicationBuilder AddLedgerLog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var postgres = builder.Configuration.GetConnectionString(EventPipelineExtensions.PostgresConnectionName) is { Length: > 0 } value
            ? value
            : throw new OptionsValidationException(
                EventPipelineExtensions.PostgresConnectionName, typeof(string), ["ConnectionStrings:Postgres is required."]);

        builder.Services.AddSingleton(NpgsqlDataSource.Create(postgres));
        builder.Services.AddSingleton<LedgerMetrics>();
        builder.AddTelemetrySource(LedgerMetrics.MeterName);
        // Created by --migrate, or at start while Schema:ApplyOnStart is true, before the bus starts consuming.
        builder.Services.AddSchemaMigration<LedgerSchema>();
        builder.Services.AddHostedService<TreeSizeAtStart>();
        builder.Services.AddSingleton<LeafAppender>();
        builder.AddCityMessaging(bus => bus.AddConsumer<LedgerIngestConsumer>(typeof(LedgerIngestConsumerDefinition)));
        return builder;
    }
}
