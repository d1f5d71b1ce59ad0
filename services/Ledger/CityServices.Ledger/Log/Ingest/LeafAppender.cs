using CityServices.Hashing.Merkle;
using CityServices.Ledger.Log.Storage;
using Npgsql;

namespace CityServices.Ledger.Log.Ingest;

/// <summary>What one append did.</summary>
/// <param name="Appended">How many new leaves the log took.</param>
/// <param name="TreeSize">The log's size after the append.</param>
/// <param name="Conflicting">Leaves whose event is already in the log with a different hash: never appended.</param>
public sealed record AppendOutcome(int Appended, long TreeSize, IReadOnlyList<LeafSubmission> Conflicting);

/// <summary>
/// Appends leaves to the log in one transaction. The head row's lock serialises every writer on
/// every replica, so indices are consecutive and each event id is appended exactly once; only
/// the log's right edge (O(log n) nodes) is read, and the complete subtrees the new leaves finish
/// are written with them.
/// </summary>
public sealed class LeafAppender(NpgsqlDataSource dataSource)
{
    /// <param name="leaves">Distinct event ids, in the order to log them (BatchScreening: each service's in sequence order); those already in the log are skipped.</param>
    /// <param name="cancellationToken">Cancels the transaction, which then rolls back whole.</param>
    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<LeafSubmission> leaves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var size = await LockHeadAsync(connection, transaction, cancellationToken);
        var stored = await StoredHashesAsync(connection, transaction, leaves, cancellationToken);
        var fresh = leaves.Where(leaf => !stored.ContainsKey(leaf.EventId)).ToList();
        var conflicting = leaves
            .Where(leaf => stored.TryGetValue(leaf.EventId, out var hash) && !hash.AsSpan().SequenceEqual(leaf.LeafHash))
            .ToList();
        if (fresh.Count == 0)
        {
            return new AppendOutcome(0, size, conflicting);
        }

        var edge = await NodeReader.ReadAsync(connection, transaction, MerklePlanner.TreeHead(size).Parts, cancellationToken);
        var appended = MerkleFrontier.Load(size, edge.GetValueOrDefault).AppendRange(fresh.Select(leaf => leaf.LeafHash));

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(InsertLeaves(size, fresh));
        batch.BatchCommands.Add(InsertNodes(appended.CompletedNodes));
        batch.BatchCommands.Add(UpdateHead(appended.Frontier.Size));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AppendOutcome(fresh.Count, appended.Frontier.Size, conflicting);
    }

    private static async Task<long> LockHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select tree_size from ledger.head where id = 1 for update", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<Dictionary<Guid, byte[]>> StoredHashesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LeafSubmission> leaves, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select event_id, leaf_hash from ledger.leaves where event_id = any($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. leaves.Select(leaf => leaf.EventId)] });
        var stored = new Dictionary<Guid, byte[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(reader.GetGuid(0), reader.GetFieldValue<byte[]>(1));
        }

        return stored;
    }

    private static NpgsqlBatchCommand InsertLeaves(long firstIndex, List<LeafSubmission> leaves) => new("""
        insert into ledger.leaves (leaf_index, leaf_hash, event_id, service, sequence)
        select * from unnest($1::bigint[], $2::bytea[], $3::uuid[], $4::text[], $5::bigint[])
        """)
    {
        Parameters =
        {
            new NpgsqlParameter<long[]> { TypedValue = [.. leaves.Select((_, i) => firstIndex + i)] },
            new NpgsqlParameter<byte[][]> { TypedValue = [.. leaves.Select(leaf => leaf.LeafHash)] },
            new NpgsqlParameter<Guid[]> { TypedValue = [.. leaves.Select(leaf => leaf.EventId)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. leaves.Select(leaf => leaf.Service)] },
            new NpgsqlParameter<long[]> { TypedValue = [.. leaves.Select(leaf => leaf.Sequence)] },
        },
    };

    private static NpgsqlBatchCommand InsertNodes(IReadOnlyList<MerkleNode> nodes) => new("""
        insert into ledger.nodes (level, index, hash)
        select * from unnest($1::int[], $2::bigint[], $3::bytea[])
        """)
    {
        Parameters =
        {
            new NpgsqlParameter<int[]> { TypedValue = [.. nodes.Select(node => node.Id.Level)] },
            new NpgsqlParameter<long[]> { TypedValue = [.. nodes.Select(node => node.Id.Index)] },
            new NpgsqlParameter<byte[][]> { TypedValue = [.. nodes.Select(node => node.Hash)] },
        },
    };

    private static NpgsqlBatchCommand UpdateHead(long treeSize) => new("update ledger.head set tree_size = $1 where id = 1")
    {
        Parameters = { new NpgsqlParameter<long> { TypedValue = treeSize } },
    };
}
