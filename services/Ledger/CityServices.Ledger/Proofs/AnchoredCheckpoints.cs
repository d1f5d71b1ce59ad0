using CityServices.Hashing;
using Npgsql;

namespace CityServices.Ledger.Proofs;

/// <summary>Reads checkpoints and their confirmed anchors; proofs are only ever served against these.</summary>
public sealed class AnchoredCheckpoints(NpgsqlDataSource dataSource)
{
    private const string AnchorColumns =
        "a.anchor_index, a.tree_size, c.root_hash, a.chain_id, a.contract, a.transaction_hash, a.block_number, a.block_hash, a.anchored_at";

    private const string Anchored = $"select {AnchorColumns} from ledger.anchors a join ledger.checkpoints c using (tree_size)";

    /// <summary>The largest checkpoint, anchored or not; null before the first.</summary>
    public async Task<Checkpoint?> LatestCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select c.tree_size, c.root_hash, c.created_at, a.anchor_index is not null, {AnchorColumns}
              from ledger.checkpoints c left join ledger.anchors a using (tree_size)
             order by c.tree_size desc limit 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Checkpoint(reader.GetInt64(0), Hex.Encode(reader.GetFieldValue<byte[]>(1)), reader.GetDateTime(2),
                reader.GetBoolean(3) ? ReadAnchor(reader, 4) : null)
            : null;
    }

    /// <summary>The anchor of the largest anchored tree; null before the first.</summary>
    public async Task<Anchor?> LatestAsync(CancellationToken cancellationToken) =>
        (await QueryAsync($"{Anchored} order by a.tree_size desc limit 1", [], cancellationToken)).SingleOrDefault();

    /// <summary>The anchors of those of <paramref name="treeSizes"/> that are anchored tree sizes.</summary>
    public async Task<IReadOnlyList<Anchor>> OfSizesAsync(long[] treeSizes, CancellationToken cancellationToken) =>
        await QueryAsync($"{Anchored} where a.tree_size = any($1)", [new NpgsqlParameter<long[]> { TypedValue = treeSizes }], cancellationToken);

    /// <summary>Anchors in contract index order, after <paramref name="afterIndex"/> (exclusive).</summary>
    public async Task<IReadOnlyList<Anchor>> ListAsync(long afterIndex, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"{Anchored} where a.anchor_index > $1 order by a.anchor_index limit $2",
            [new NpgsqlParameter<long> { TypedValue = afterIndex }, new NpgsqlParameter<int> { TypedValue = limit }],
            cancellationToken);

    private async Task<List<Anchor>> QueryAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var anchors = new List<Anchor>();
        while (await reader.ReadAsync(cancellationToken))
        {
            anchors.Add(ReadAnchor(reader, 0));
        }

        return anchors;
    }

    private static Anchor ReadAnchor(NpgsqlDataReader reader, int first) => new(
        Index: reader.GetInt64(first),
        TreeSize: reader.GetInt64(first + 1),
        RootHash: Hex.Encode(reader.GetFieldValue<byte[]>(first + 2)),
        ChainId: reader.GetInt64(first + 3),
        Contract: reader.GetString(first + 4),
        TransactionHash: reader.GetString(first + 5),
        BlockNumber: reader.GetInt64(first + 6),
        BlockHash: reader.GetString(first + 7),
        AnchoredAt: reader.GetDateTime(first + 8));
}
