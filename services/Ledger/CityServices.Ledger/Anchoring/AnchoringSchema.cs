using Npgsql;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Runs Anchoring/anchoring-schema.sql while the host is starting. Registered after the log's
/// <c>LedgerSchema</c>, and lifecycle services start one after another, so its tables exist.
/// </summary>
internal sealed class AnchoringSchema(NpgsqlDataSource dataSource) : IHostedLifecycleService
{
    // Replicas starting together would race on "create ... if not exists".
    private const long CreationLock = 0x1ed6e5_a4c407;

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

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<string> ReadScriptAsync()
    {
        await using var stream = typeof(AnchoringSchema).Assembly.GetManifestResourceStream(
            "CityServices.Ledger.Anchoring.anchoring-schema.sql")!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
