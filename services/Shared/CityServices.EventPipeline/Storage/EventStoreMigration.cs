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

    public async Task<SchemaCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var migration = await store.Storage.Database.CreateMigrationAsync(cancellationToken);
        var missing = Names(migration.Deltas, SchemaPatchDifference.Create);
        if (missing.Length > 0)
        {
            return new SchemaCheck(SchemaState.Missing, $"no {Listed(missing)}");
        }

        var differing = Names(migration.Deltas, SchemaPatchDifference.Update, SchemaPatchDifference.Invalid);
        return differing.Length > 0
            ? new SchemaCheck(SchemaState.Differs, $"{Listed(differing)} differ")
            : SchemaCheck.InPlace;
    }

    private static string Listed(string[] names) =>
        names.Length <= 4 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Length - 3} more";

    private static string[] Names(IEnumerable<ISchemaObjectDelta> deltas, params SchemaPatchDifference[] differences) =>
        [.. deltas.Where(delta => differences.Contains(delta.Difference)).Select(delta => delta.SchemaObject.Identifier.QualifiedName)];
}
