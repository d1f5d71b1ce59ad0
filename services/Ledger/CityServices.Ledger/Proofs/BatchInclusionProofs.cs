using CityServices.Hashing;
using CityServices.Hashing.Merkle;
using CityServices.Ledger.Log.Storage;
using Npgsql;

namespace CityServices.Ledger.Proofs;

/// <summary>What asking for a batch of inclusion proofs can give.</summary>
public abstract record BatchInclusionAnswer
{
    public sealed record Proven(BatchInclusionProof Batch) : BatchInclusionAnswer;

    /// <summary>The requested tree size has no confirmed anchor.</summary>
    public sealed record NotAnAnchoredSize : BatchInclusionAnswer;
}

/// <summary>
/// Inclusion proofs of a page of leaves against one anchored tree. The page is read like the leaf
/// listings (after a leaf index, in log order, optionally of one service), so a client walks the
/// anchored log with them; the audit paths' stored nodes come in one query for the whole page,
/// since neighbouring leaves share most of them.
/// </summary>
public sealed class BatchInclusionProofs(NpgsqlDataSource dataSource, AnchoredCheckpoints checkpoints)
{
    /// <param name="treeSize">An anchored tree size; only leaves below it are proven.</param>
    /// <param name="service">Only this service's leaves; null for every leaf.</param>
    /// <param name="afterIndex">The last leaf index already seen (exclusive); -1 from the first.</param>
    /// <param name="limit">At most this many leaves.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<BatchInclusionAnswer> ProveAsync(long treeSize, string? service, long afterIndex, int limit, CancellationToken cancellationToken)
    {
        if ((await checkpoints.OfSizesAsync([treeSize], cancellationToken)).SingleOrDefault() is not { } anchor)
        {
            return new BatchInclusionAnswer.NotAnAnchoredSize();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var leaves = await ReadLeavesAsync(connection, treeSize, service, afterIndex, limit, cancellationToken);
        var plans = leaves.Select(leaf => MerklePlanner.Inclusion(leaf.LeafIndex, treeSize)).ToList();
        var nodes = await NodeReader.ReadAsync(connection, null, plans.SelectMany(plan => plan.Nodes).Distinct(), cancellationToken);
        var proofs = leaves.Zip(plans, (leaf, plan) => new LeafProof(
            leaf.LeafIndex, leaf.LeafHash, leaf.EventId, leaf.Service, leaf.Sequence,
            [.. plan.Assemble(nodes.GetValueOrDefault).Select(hash => Hex.Encode(hash))])).ToList();
        return new BatchInclusionAnswer.Proven(new BatchInclusionProof(treeSize, anchor.RootHash, anchor, proofs));
    }

    private static async Task<List<LogLeaf>> ReadLeavesAsync(
        NpgsqlConnection connection, long treeSize, string? service, long afterIndex, int limit, CancellationToken cancellationToken)
    {
        // Two texts rather than "$3 is null or service = $3", so each is planned on its own index:
        // the primary key, or the (service, leaf_index) index of ledger-schema.sql.
        await using var command = new NpgsqlCommand(service is null
            ? "select leaf_index, leaf_hash, event_id, service, sequence from ledger.leaves where leaf_index > $1 and leaf_index < $2 order by leaf_index limit $3"
            : "select leaf_index, leaf_hash, event_id, service, sequence from ledger.leaves where service = $4 and leaf_index > $1 and leaf_index < $2 order by leaf_index limit $3",
            connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterIndex });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = treeSize });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        if (service is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = service });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leaves = new List<LogLeaf>(limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            leaves.Add(new LogLeaf(reader.GetInt64(0), Hex.Encode(reader.GetFieldValue<byte[]>(1)), reader.GetGuid(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return leaves;
    }
}
