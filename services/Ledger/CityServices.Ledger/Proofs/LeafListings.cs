using CityServices.Hashing;
using Npgsql;

namespace CityServices.Ledger.Proofs;

/// <summary>
/// The log's leaves a page at a time, in leaf index order. Appends commit under the head lock in
/// index order, so a reader never sees a gap: a listing is a prefix of the log plus what follows.
/// </summary>
public sealed class LeafListings(NpgsqlDataSource dataSource)
{
    /// <summary>Every leaf after <paramref name="afterIndex"/> (exclusive), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<LogLeaf>> ListAsync(long afterIndex, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select leaf_index, leaf_hash, event_id, service, sequence from ledger.leaves where leaf_index > $1 order by leaf_index limit $2");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterIndex });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leaves = new List<LogLeaf>(Math.Min(limit, 1000));
        while (await reader.ReadAsync(cancellationToken))
        {
            leaves.Add(new LogLeaf(reader.GetInt64(0), Hex.Encode(reader.GetFieldValue<byte[]>(1)), reader.GetGuid(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return leaves;
    }

    /// <summary>The leaves of <paramref name="service"/> after <paramref name="afterIndex"/> (exclusive), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ServiceLeaf>> ListOfServiceAsync(string service, long afterIndex, int limit, CancellationToken cancellationToken)
    {
        // Served by the (service, leaf_index) index of ledger-schema.sql.
        await using var command = dataSource.CreateCommand(
            "select event_id, sequence, leaf_index, leaf_hash from ledger.leaves where service = $1 and leaf_index > $2 order by leaf_index limit $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = service });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterIndex });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leaves = new List<ServiceLeaf>(Math.Min(limit, 1000));
        while (await reader.ReadAsync(cancellationToken))
        {
            leaves.Add(new ServiceLeaf(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), Hex.Encode(reader.GetFieldValue<byte[]>(3))));
        }

        return leaves;
    }
}
