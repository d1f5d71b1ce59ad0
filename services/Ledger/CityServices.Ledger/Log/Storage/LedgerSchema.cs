using Npgsql;

namespace CityServices.Ledger.Log.Storage;

/// <summary>Creates the <c>ledger</c> schema (Log/Storage/ledger-schema.sql) and reports the tree size it finds.</summary>
public sealed class LedgerSchema(NpgsqlDataSource dataSource, LedgerMetrics metrics)
    : SchemaScript(dataSource, "CityServices.Ledger.Log.Storage.ledger-schema.sql", CreationLock)
{
    private const long CreationLock = 0x1ed6e5_5c4e3a;

    protected override async Task AfterScriptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var head = new NpgsqlCommand("select tree_size from ledger.head where id = 1", connection, transaction);
        metrics.TreeSizeSeen((long)(await head.ExecuteScalarAsync(cancellationToken))!);
    }
}
