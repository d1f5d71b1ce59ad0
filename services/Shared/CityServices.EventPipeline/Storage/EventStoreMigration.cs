using CityServices.ServiceDefaults.Schema;
using JasperFx;
using Marten;
using Weasel.Core;

namespace CityServices.EventPipeline.Storage;

/// <summary>
/// The service's Marten schema (events, streams, the relay's progress, its documents) as one
/// schema part. Marten compares its configuration with the database, so the check also sees a
/// new document type or index of a newer release, not only a missing schema.
/// </summary>
internal sealed class EventStoreMigration(IDocumentStore store) : ISchemaMigration
{
    public string Describes => $"the event store (schema {store.Options.DatabaseSchemaName})";

    // CreateOrUpdate whatever the store's own setting: with Schema:ApplyOnStart false the store runs
    // with AutoCreate.None, which would refuse the very changes this step is for.
    public Task ApplyAsync(CancellationToken cancellationToken) =>
        store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);

    public async Task<string?> FindMissingAsync(CancellationToken cancellationToken)
    {
        var migration = await store.Storage.Database.CreateMigrationAsync(cancellationToken);
        return migration.Difference == SchemaPatchDifference.None
            ? null
            : $"{migration.Deltas.Count(delta => delta.Difference != SchemaPatchDifference.None)} object(s) to create or update";
    }
}
