using System.Diagnostics;
using System.Security.Cryptography;
using CityServices.Hashing.Merkle;
using Npgsql;
using NpgsqlTypes;

namespace CityServices.Bench.Proofs;

/// <summary>
/// Fills an empty ledger schema with <c>n</c> random leaves directly: binary COPY of the leaves and
/// of every complete subtree <see cref="MerkleFrontier.AppendRange"/> finishes, chunk by chunk,
/// then the head, a checkpoint of the full size and a confirmed anchor row with made-up chain
/// coordinates (the chain is not what this measures).
/// </summary>
internal static class LedgerPopulator
{
    private const int Chunk = 65_536;

    public sealed record Log(Guid[] EventIds, byte[][] LeafHashes, byte[] RootHash, TimeSpan Elapsed)
    {
        public long Size => EventIds.LongLength;
    }

    public static async Task<Log> PopulateAsync(string postgres, long size)
    {
        var clock = Stopwatch.StartNew();
        var eventIds = new Guid[size];
        var leafHashes = new byte[size][];
        var frontier = MerkleFrontier.Empty;
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        for (long start = 0; start < size; start += Chunk)
        {
            var count = (int)Math.Min(Chunk, size - start);
            for (var i = 0; i < count; i++)
            {
                eventIds[start + i] = Guid.CreateVersion7();
                leafHashes[start + i] = RandomNumberGenerator.GetBytes(32);
            }

            frontier = await AppendAsync(connection, frontier, [.. Enumerable.Range(0, count).Select(i =>
                new Leaf(eventIds[start + i], "bench", start + i + 1, leafHashes[start + i]))]);
        }

        var root = frontier.RootHash();
        await ExecuteAsync(connection, "update ledger.head set tree_size = $1 where id = 1", size);
        await ExecuteAsync(connection, "insert into ledger.checkpoints (tree_size, root_hash) values ($1, $2)", size, root);
        await ExecuteAsync(connection, """
            insert into ledger.anchors (tree_size, anchor_index, chain_id, contract, transaction_hash, block_number, block_hash, anchored_at)
            values ($1, 0, 31337, '0x5fbdb2315678afecb367f032d93f642f64180aa3', $2, 1, $3, now())
            """, size, $"0x{size:x64}", $"0x{1:x64}");
        await ExecuteAsync(connection, "analyze ledger.leaves");
        await ExecuteAsync(connection, "analyze ledger.nodes");
        clock.Stop();
        return new Log(eventIds, leafHashes, root, clock.Elapsed);
    }

    /// <summary>One leaf as the ledger stores it.</summary>
    public sealed record Leaf(Guid EventId, string Service, long Sequence, byte[] Hash);

    /// <summary>
    /// Appends <paramref name="leaves"/> after the log <paramref name="frontier"/> ends: binary COPY of the
    /// leaves and of every complete subtree they finish. The head row is the caller's to move.
    /// </summary>
    public static async Task<MerkleFrontier> AppendAsync(NpgsqlConnection connection, MerkleFrontier frontier, IReadOnlyList<Leaf> leaves)
    {
        var appended = frontier.AppendRange(leaves.Select(leaf => leaf.Hash));
        await using (var rows = await connection.BeginBinaryImportAsync(
            "copy ledger.leaves (leaf_index, leaf_hash, event_id, service, sequence) from stdin (format binary)"))
        {
            for (var i = 0; i < leaves.Count; i++)
            {
                await rows.StartRowAsync();
                await rows.WriteAsync(frontier.Size + i, NpgsqlDbType.Bigint);
                await rows.WriteAsync(leaves[i].Hash, NpgsqlDbType.Bytea);
                await rows.WriteAsync(leaves[i].EventId, NpgsqlDbType.Uuid);
                await rows.WriteAsync(leaves[i].Service, NpgsqlDbType.Text);
                await rows.WriteAsync(leaves[i].Sequence, NpgsqlDbType.Bigint);
            }

            await rows.CompleteAsync();
        }

        await using (var nodes = await connection.BeginBinaryImportAsync("copy ledger.nodes (level, index, hash) from stdin (format binary)"))
        {
            foreach (var node in appended.CompletedNodes)
            {
                await nodes.StartRowAsync();
                await nodes.WriteAsync(node.Id.Level, NpgsqlDbType.Integer);
                await nodes.WriteAsync(node.Id.Index, NpgsqlDbType.Bigint);
                await nodes.WriteAsync(node.Hash, NpgsqlDbType.Bytea);
            }

            await nodes.CompleteAsync();
        }

        return appended.Frontier;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
