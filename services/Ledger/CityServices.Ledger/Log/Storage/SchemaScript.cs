using Npgsql;

namespace CityServices.Ledger.Log.Storage;

/// <summary>
/// Runs one of the ledger's embedded SQL scripts while the host is starting, before any hosted
/// service starts, so no consumer or worker ever meets a missing table. Replicas starting together
/// would race on "create … if not exists" (a unique violation in the catalog): a transaction-level
/// advisory lock lets one create while the others wait, then find everything there.
/// </summary>
public abstract class SchemaScript(NpgsqlDataSource dataSource, string resourceName, long creationLock) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockSchema = new NpgsqlCommand("select pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockSchema.Parameters.Add(new NpgsqlParameter<long> { TypedValue = creationLock });
            await lockSchema.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(await ReadScriptAsync(), connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await AfterScriptAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Reads what the service needs from the fresh schema, in the script's transaction.</summary>
    protected virtual Task AfterScriptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<string> ReadScriptAsync()
    {
        await using var stream = GetType().Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The ledger's build lacks its embedded script {resourceName}.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
