using Npgsql;

namespace CityServices.Ledger.Anchoring;

/// <summary>The anchoring tables: checkpoints waiting for an anchor, confirmed anchors, the registry in use.</summary>
internal sealed class AnchorStore(NpgsqlDataSource dataSource)
{
    private const string PendingSql = """
        select c.tree_size, c.root_hash from ledger.checkpoints c
         where not exists (select 1 from ledger.anchors a where a.tree_size = c.tree_size)
         order by c.tree_size
         limit $1
        """;

    private const string RecordSql = """
        insert into ledger.anchors
            (tree_size, anchor_index, chain_id, contract, transaction_hash, block_number, block_hash, anchored_at, gas_used)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        on conflict (tree_size) do nothing
        """;

    // The first leaf no confirmed anchor covers tells how long events have waited for one.
    private const string LagSql = """
        with anchored as (select coalesce(max(tree_size), 0) as size from ledger.anchors)
        select h.tree_size, anchored.size,
               (select l.received_at from ledger.leaves l where l.leaf_index = anchored.size)
          from ledger.head h, anchored where h.id = 1
        """;

    /// <summary>Checkpoints without a confirmed anchor, oldest first.</summary>
    public async Task<IReadOnlyList<Checkpoint>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PendingSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<Checkpoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new Checkpoint(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }

        return pending;
    }

    /// <summary>The largest tree size with a confirmed anchor below <paramref name="treeSize"/> (0 if none).</summary>
    public async Task<long> PreviousAnchoredSizeAsync(long treeSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(tree_size), 0) from ledger.anchors where tree_size < $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = treeSize });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task RecordAsync(AnchorInclusion anchor, long chainId, string contract, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RecordSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = anchor.Checkpoint.TreeSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = anchor.AnchorIndex });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = chainId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = contract.ToLowerInvariant() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = anchor.TransactionHash.ToLowerInvariant() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = anchor.BlockNumber });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = anchor.BlockHash.ToLowerInvariant() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = anchor.BlockTime });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = anchor.GasUsed });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The chain coordinates of the latest confirmed anchor in <paramref name="contract"/>, if any.</summary>
    public async Task<(long TreeSize, long BlockNumber, string BlockHash)?> LatestAnchorAsync(
        long chainId, string contract, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select tree_size, block_number, block_hash from ledger.anchors
             where chain_id = $1 and contract = $2
             order by tree_size desc
             limit 1
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = chainId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = contract.ToLowerInvariant() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)) : null;
    }

    /// <summary>The registry this ledger deployed on <paramref name="chainId"/>, if it did.</summary>
    public async Task<string?> RecordedRegistryAsync(long chainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select contract from ledger.anchor_registry where chain_id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = chainId });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task RecordRegistryAsync(long chainId, string contract, string deploymentTransaction, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "insert into ledger.anchor_registry (chain_id, contract, deployment_transaction) values ($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = chainId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = contract.ToLowerInvariant() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deploymentTransaction.ToLowerInvariant() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Log size, anchored size, and when the first unanchored leaf arrived (null when all are anchored).</summary>
    public async Task<(long TreeSize, long AnchoredSize, DateTimeOffset? OldestUnanchored)> LagAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LagSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (0, 0, null);
        }

        return (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }
}
