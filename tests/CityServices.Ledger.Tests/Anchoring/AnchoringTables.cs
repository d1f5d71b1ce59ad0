using Npgsql;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>The anchoring tables as the test reads them.</summary>
internal sealed class AnchoringTables(string connectionString)
{
    public sealed record CheckpointRow(long TreeSize, string RootHash);

    public sealed record AnchorRow(
        long TreeSize, long AnchorIndex, long ChainId, string Contract, string TransactionHash, long BlockNumber, string BlockHash, long? GasUsed);

    public string ConnectionString => connectionString;

    public Task<List<CheckpointRow>> CheckpointsAsync() =>
        QueryAsync("select tree_size, root_hash from ledger.checkpoints order by tree_size", reader =>
            new CheckpointRow(reader.GetInt64(0), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(1))));

    public Task<List<AnchorRow>> AnchorsAsync() =>
        QueryAsync(
            "select tree_size, anchor_index, chain_id, contract, transaction_hash, block_number, block_hash, gas_used from ledger.anchors order by tree_size",
            reader => new AnchorRow(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt64(7)));

    /// <summary>The registry the ledger deployed and recorded, if any.</summary>
    public async Task<string?> RecordedRegistryAsync() =>
        (await QueryAsync("select contract from ledger.anchor_registry", reader => reader.GetString(0))).SingleOrDefault();

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
