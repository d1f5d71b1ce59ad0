using System.Data;
using CityServices.Hashing.Merkle;
using CityServices.Ledger.Log.Storage;
using Npgsql;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Fixes a checkpoint when the log has grown: the tree head of the current size, assembled from
/// the stored complete subtrees (one query), never recomputed from the leaves.
/// </summary>
internal sealed class CheckpointWriter(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Sizes = """
        select h.tree_size, coalesce((select max(c.tree_size) from ledger.checkpoints c), 0)
          from ledger.head h where h.id = 1
        """;

    /// <summary>The new checkpoint, or null when the log has not grown since the latest one.</summary>
    public async Task<Checkpoint?> FixAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the size and its nodes. The head is read without FOR UPDATE: ingest
        // commits nodes with the size, so any committed size has all its nodes, and ingest never waits on us.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var (treeSize, latest) = await ReadSizesAsync(connection, transaction, cancellationToken);
        if (treeSize <= latest)
        {
            return null;
        }

        var plan = MerklePlanner.TreeHead(treeSize);
        var nodes = await NodeReader.ReadAsync(connection, transaction, plan.Parts, cancellationToken);
        var checkpoint = new Checkpoint(treeSize, plan.Assemble(nodes.GetValueOrDefault));
        await using (var insert = new NpgsqlCommand(
            "insert into ledger.checkpoints (tree_size, root_hash, created_at) values ($1, $2, $3) on conflict (tree_size) do nothing",
            connection,
            transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checkpoint.TreeSize });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = checkpoint.RootHash });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return checkpoint;
    }

    private static async Task<(long TreeSize, long Latest)> ReadSizesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sizes, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }
}
