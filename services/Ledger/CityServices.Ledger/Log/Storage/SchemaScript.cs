using System.Security.Cryptography;
using System.Text;
using CityServices.ServiceDefaults.Schema;
using Npgsql;

namespace CityServices.Ledger.Log.Storage;

/// <summary>
/// One of the ledger's embedded SQL scripts as a schema part (applied by <c>--migrate</c>, or at
/// start while <c>Schema:ApplyOnStart</c> is true). Each script is idempotent and records its
/// SHA-256 in <c>ledger.applied_scripts</c> in the same transaction, so a check sees whether this
/// build's script ran, now or before (an older build after a rollback finds its own there). Replicas starting together would race on "create … if
/// not exists" (a unique violation in the catalog): a transaction-level advisory lock lets one
/// create while the others wait, then find everything there.
/// </summary>
public abstract class SchemaScript(NpgsqlDataSource dataSource, string resourceName, long creationLock) : ISchemaMigration
{
    private const string RecordApplied = """
        create schema if not exists ledger;
        create table if not exists ledger.applied_scripts (
            script text not null,
            sha256 text not null,
            applied_at timestamptz not null default now(),
            primary key (script, sha256));
        insert into ledger.applied_scripts (script, sha256) values ($1, $2) on conflict do nothing;
        """;

    public string Describes => $"the ledger's script {resourceName}";

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var script = await ReadScriptAsync();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockSchema = new NpgsqlCommand("select pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockSchema.Parameters.Add(new NpgsqlParameter<long> { TypedValue = creationLock });
            await lockSchema.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(script, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var statement in RecordApplied.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            batch.BatchCommands[^1].Parameters.Add(new NpgsqlParameter<string> { TypedValue = resourceName });
            batch.BatchCommands[^1].Parameters.Add(new NpgsqlParameter<string> { TypedValue = Sha256(script) });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SchemaCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var expected = Sha256(await ReadScriptAsync());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Two statements: PostgreSQL resolves every table of a statement, even in a branch it would not run.
        await using (var exists = new NpgsqlCommand("select to_regclass('ledger.applied_scripts') is not null", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return new SchemaCheck(SchemaState.Missing, "the script never ran");
            }
        }

        await using var find = new NpgsqlCommand(
            "select bool_or(sha256 = $2) from ledger.applied_scripts where script = $1", connection);
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resourceName });
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = expected });
        return await find.ExecuteScalarAsync(cancellationToken) switch
        {
            true => SchemaCheck.InPlace,
            false => new SchemaCheck(SchemaState.Differs, "another version of the script ran, never this build's"),
            _ => new SchemaCheck(SchemaState.Missing, "the script never ran"),
        };
    }

    private static string Sha256(string script) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)));

    private async Task<string> ReadScriptAsync()
    {
        await using var stream = GetType().Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The ledger's build lacks its embedded script {resourceName}.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
