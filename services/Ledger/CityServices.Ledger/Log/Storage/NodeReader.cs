using CityServices.Hashing.Merkle;
using Npgsql;

namespace CityServices.Ledger.Log.Storage;

/// <summary>
/// Reads the stored hashes of complete subtrees in one round trip: level 0 from the leaves, higher
/// levels from the nodes table. A plan names O(log n) of them, each an index lookup.
/// </summary>
public static class NodeReader
{
    private const string Sql = """
        select n.level, n.index, n.hash from ledger.nodes n
         where (n.level, n.index) in (select * from unnest($1::int[], $2::bigint[]))
        union all
        select 0, l.leaf_index, l.leaf_hash from ledger.leaves l
         where l.leaf_index = any($3::bigint[])
        """;

    public static async Task<Dictionary<NodeId, byte[]>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<NodeId> nodes, CancellationToken cancellationToken)
    {
        var wanted = nodes.ToList();
        var byId = new Dictionary<NodeId, byte[]>(wanted.Count);
        if (wanted.Count == 0)
        {
            return byId;
        }

        var interior = wanted.Where(node => node.Level > 0).ToList();
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. interior.Select(node => node.Level)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. interior.Select(node => node.Index)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. wanted.Where(node => node.Level == 0).Select(node => node.Index)] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byId[new NodeId(reader.GetInt32(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
        }

        return byId;
    }
}
