using Npgsql;

namespace CityServices.Ledger.Log.Storage;

/// <summary>
/// Creates the <c>ledger</c> schema (Log/Storage/ledger-schema.sql) when the host is starting,
/// before any hosted service starts, so the ingest consumer never meets a missing table.
/// </summary>
public sealed class LedgerSchema(NpgsqlDataSource dataSource, LedgerMetrics metrics) : IHostedLifecycleService
{
    // Replicas starting together would race on "create ... if not exists" (a unique violation in
    // the catalog): an advisory lock lets one create while the others wait, then find it there.
    private const long CreationLock = 0x1ed6e5_5c4e3a;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockSchema = new NpgsqlCommand("select pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockSchema.Parameters.Add(new NpgsqlParameter<long> { TypedValue = CreationLock });
            await lockSchema.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(await ReadScriptAsync(), connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var head = new NpgsqlCommand("select tree_size from ledger.head where id = 1", connection, transaction))
        {
            metrics.TreeSizeSeen((long)(await head.ExecuteScalarAsync(cancellationToken))!);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<string> ReadScriptAsync()
    {
        await using var stream = typeof(LedgerSchema).Assembly.GetManifestResourceStream(
            "CityServices.Ledger.Log.Storage.ledger-schema.sql")!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
