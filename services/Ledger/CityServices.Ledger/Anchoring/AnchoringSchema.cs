using CityServices.Ledger.Log.Storage;
using Npgsql;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Anchoring's tables and columns (Anchoring/anchoring-schema.sql). Added after the log's
/// <c>LedgerSchema</c>, and schema parts are applied in the order they are added, so its tables exist.
/// </summary>
internal sealed class AnchoringSchema(NpgsqlDataSource dataSource)
    : SchemaScript(dataSource, "CityServices.Ledger.Anchoring.anchoring-schema.sql", CreationLock)
{
    private const long CreationLock = 0x1ed6e5_a4c407;
}
