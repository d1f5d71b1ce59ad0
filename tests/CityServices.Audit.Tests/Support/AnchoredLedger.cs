using CityServices.Contracts.Ledger;
using Npgsql;

namespace CityServices.Audit.Tests.Support;

/// <summary>
/// The REAL ledger (in-process, its own database and broker prefix, the shipped rate limit) with its
/// tree heads anchored in a <see cref="TestRegistry"/> on the real anvil: the test plays the anchoring
/// writer, so any number of anchors is set up in seconds rather than one per checkpoint interval.
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

    /// <summary>Relays the events one at a time, in the given order (a relay keeps each service's sequence order), and waits until all are leaves.</summary>
    public async Task LogInOrderAsync(IReadOnlyList<EventRecorded> events)
    {
        await using (var relay = await RecordedEvents.StartAsync(_infrastructure, _host.Prefix))
        {
            foreach (var e in events)
            {
                await relay.PublishAsync([e]);
            }
        }

        await Eventually.UntilAsync(LeafHashesAsync, leaves => leaves.Count >= events.Count, $"{events.Count} leaves logged", TimeSpan.FromMinutes(2));
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
