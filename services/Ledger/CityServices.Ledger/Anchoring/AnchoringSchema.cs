using CityServices.Ledger.Log.Storage;
using Npgsql;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Runs Anchoring/anchoring-schema.sql while the host is starting. Registered after the log's
/// <c>LedgerSchema</c>, and lifecycle services start one after another, so its tables exist.
/// </summary>
internal sealed class AnchoringSchema(NpgsqlDataSource dataSource)
    : SchemaScript(dataSource, "CityServices.Ledger.Anchoring.anchoring-schema.sql", CreationLock)
{
    private const long CreationLock = 0x1ed6e5_a4c407;
}
