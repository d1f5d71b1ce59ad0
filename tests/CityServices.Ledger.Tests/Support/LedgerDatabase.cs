using Npgsql;

namespace CityServices.Ledger.Tests.Support;

/// <summary>The ledger's tables read directly, and checkpoints and anchors written as the anchoring writer would.</summary>
internal sealed class LedgerDatabase(string connectionString)
{
    public sealed record Leaf(long Index, byte[] Hash, Guid EventId, string Service, long Sequence);

    public async Task<long> TreeSizeAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select tree_size from ledger.head", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> LeafCountAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from ledger.leaves", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<bool> HasLeafAsync(Guid eventId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select exists (select 1 from ledger.leaves where event_id = $1)", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<Leaf>> LeavesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "select leaf_index, leaf_hash, event_id, service, sequence from ledger.leaves order by leaf_index", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var leaves = new List<Leaf>();
        while (await reader.ReadAsync())
        {
            leaves.Add(new Leaf(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetGuid(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return leaves;
    }

    public async Task<Dictionary<NodeId, byte[]>> NodesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select level, index, hash from ledger.nodes", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var nodes = new Dictionary<NodeId, byte[]>();
        while (await reader.ReadAsync())
        {
            nodes.Add(new NodeId(reader.GetInt32(0), reader.GetInt64(1)), reader.GetFieldValue<byte[]>(2));
        }

        return nodes;
    }

    public async Task InsertCheckpointAsync(long treeSize, byte[] rootHash)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("insert into ledger.checkpoints (tree_size, root_hash) values ($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = treeSize });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = rootHash });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A confirmed anchor of the checkpoint of <paramref name="treeSize"/>, with made-up chain coordinates.</summary>
    public async Task InsertAnchorAsync(long treeSize, long anchorIndex, DateTime anchoredAt)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            insert into ledger.anchors (tree_size, anchor_index, chain_id, contract, transaction_hash, block_number, block_hash, anchored_at)
            values ($1, $2, 31337, '0x5fbdb2315678afecb367f032d93f642f64180aa3', $3, $4, $5, $6)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = treeSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = anchorIndex });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"0x{treeSize:x64}" });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 100 + anchorIndex });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"0x{anchorIndex + 1:x64}" });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = anchoredAt });
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
