using Npgsql;

namespace CityServices.Ledger.Log.Storage;

/// <summary>The <c>ledger</c> schema of the Merkle log (Log/Storage/ledger-schema.sql).</summary>
public sealed class LedgerSchema(NpgsqlDataSource dataSource)
    : SchemaScript(dataSource, "CityServices.Ledger.Log.Storage.ledger-schema.sql", CreationLock)
{
    private const long CreationLock = 0x1ed6e5_5c4e3a;
}
