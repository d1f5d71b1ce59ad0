using CityServices.Contracts.Ledger;
using Npgsql;

namespace CityServices.Audit.Tests.Support;

/// <summary>
/// The REAL ledger (in-process, its own database and broker prefix, the shipped rate limit) serving
/// a log the test writes into its tables, with tree heads anchored in a <see cref="TestRegistry"/> on
/// the real anvil: the test plays the ingest and the anchoring writer, so a log of thousands of
/// leaves and hundreds of anchors is set up in seconds. Its API, under test, is the real one.
/// </summary>
internal sealed class AnchoredLedger : IAsyncDisposable
{
    private readonly CityInfrastructure _infrastructure;
    private readonly ServiceHost _host;

    private AnchoredLedger(CityInfrastructure infrastructure, ServiceHost host, TestRegistry registry) =>
        (_infrastructure, _host, Registry) = (infrastructure, host, registry);

    public TestRegistry Registry { get; }

    public string Url => _host.Address.ToString();

    public static async Task<AnchoredLedger> StartAsync(CityInfrastructure infrastructure, string name)
    {
        var host = await LedgerHost.StartAsync(infrastructure, CityServices.Ledger.LedgerApp.Create, name);
        return new AnchoredLedger(infrastructure, host, await TestRegistry.DeployAsync(infrastructure));
    }

    /// <summary>
    /// Appends the leaves in this order straight into the ledger's tables, with the complete subtrees
    /// they finish, as its ingest would: an exact log order (a broker's concurrent deliveries may swap
    /// neighbours, which is the ingest tests' business, not this one's) and thousands in a second.
    /// </summary>
    public async Task LogInOrderAsync(IReadOnlyList<EventRecorded> events)
    {
        await using var connection = new NpgsqlConnection(_host.Postgres);
        await connection.OpenAsync(Ct);
        var size = (await LeafHashesAsync()).Count;
        var frontier = MerkleFrontier.Load(size, await NodesAsync(connection));
        var appended = frontier.AppendRange(events.Select(e => Hex.DecodeHash(e.LeafHash)));
        await using (var leaves = await connection.BeginBinaryImportAsync(
            "copy ledger.leaves (leaf_index, leaf_hash, event_id, service, sequence) from stdin (format binary)", Ct))
        {
            foreach (var (e, i) in events.Select((e, i) => (e, i)))
            {
                await leaves.WriteRowAsync(Ct, (long)size + i, Hex.DecodeHash(e.LeafHash), e.EventId, e.Service, e.Sequence);
            }

            await leaves.CompleteAsync(Ct);
        }

        await using (var nodes = await connection.BeginBinaryImportAsync("copy ledger.nodes (level, index, hash) from stdin (format binary)", Ct))
        {
            foreach (var node in appended.CompletedNodes)
            {
                await nodes.WriteRowAsync(Ct, node.Id.Level, node.Id.Index, node.Hash);
            }

            await nodes.CompleteAsync(Ct);
        }

        await using var head = new NpgsqlCommand("update ledger.head set tree_size = $1 where id = 1", connection);
        head.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appended.Frontier.Size });
        await head.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<NodeLookup> NodesAsync(NpgsqlConnection connection)
    {
        var nodes = new Dictionary<NodeId, byte[]>();
        await using var command = new NpgsqlCommand("select level, index, hash from ledger.nodes union all select 0, leaf_index, leaf_hash from ledger.leaves", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            nodes[new NodeId(reader.GetInt32(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
        }

        return nodes.GetValueOrDefault;
    }

    /// <summary>Anchors the tree of each size on chain and records each as the ledger's confirmed anchor, in order.</summary>
    public async Task AnchorAsync(IEnumerable<long> treeSizes)
    {
        var tree = new MerkleTree(await LeafHashesAsync());
        await using var connection = new NpgsqlConnection(_host.Postgres);
        await connection.OpenAsync(Ct);
        var index = await CountAnchorsAsync(connection);
        foreach (var size in treeSizes)
        {
            var anchor = await Registry.AnchorAsync(index++, tree.RootHash(size), size);
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("insert into ledger.checkpoints (tree_size, root_hash) values ($1, $2)")
                    {
                        Parameters = { new NpgsqlParameter<long> { TypedValue = size }, new NpgsqlParameter<byte[]> { TypedValue = tree.RootHash(size) } },
                    },
                    new NpgsqlBatchCommand("""
                        insert into ledger.anchors (tree_size, anchor_index, chain_id, contract, transaction_hash, block_number, block_hash, anchored_at)
                        values ($1, $2, $3, $4, $5, $6, $7, now())
                        """)
                    {
                        Parameters =
                        {
                            new NpgsqlParameter<long> { TypedValue = size },
                            new NpgsqlParameter<long> { TypedValue = anchor.Index },
                            new NpgsqlParameter<long> { TypedValue = anchor.ChainId },
                            new NpgsqlParameter<string> { TypedValue = anchor.Contract },
                            new NpgsqlParameter<string> { TypedValue = anchor.TransactionHash },
                            new NpgsqlParameter<long> { TypedValue = anchor.BlockNumber },
                            new NpgsqlParameter<string> { TypedValue = anchor.BlockHash },
                        },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync(Ct);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<List<byte[]>> LeafHashesAsync()
    {
        await using var connection = new NpgsqlConnection(_host.Postgres);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("select leaf_hash from ledger.leaves order by leaf_index", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var hashes = new List<byte[]>();
        while (await reader.ReadAsync(Ct))
        {
            hashes.Add(reader.GetFieldValue<byte[]>(0));
        }

        return hashes;
    }

    private static async Task<long> CountAnchorsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("select count(*) from ledger.anchors", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
