using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityServices.Identity.Tokens.Storage;

/// <summary>
/// Creates the token server's tables when they are missing: OpenIddict's (from the EF model, since
/// EnsureCreated does nothing in a database that already has tables, such as Marten's) and the
/// card sign-in challenges. Idempotent, under a transaction-level advisory lock, so replicas
/// starting together create them once. DDL is transactional in PostgreSQL: all or nothing.
/// </summary>
public static class TokenStoreSchema
{
    public const string ChallengesTable = "card_sign_in.challenges";

    // An arbitrary constant, the same in every replica: pg_advisory_xact_lock's key for the creation.
    private const long CreationLock = 0x1De7_0001_0000_0002;

    private const string ChallengesSql = """
        create schema if not exists card_sign_in;
        create table if not exists card_sign_in.challenges (
            nonce text primary key,
            card_id uuid not null,
            message text not null,
            issued_at timestamptz not null,
            expires_at timestamptz not null,
            used_at timestamptz null
        );
        create index if not exists challenges_expires_at on card_sign_in.challenges (expires_at);
        """;

    public static async Task EnsureCreatedAsync(NpgsqlConnection connection, TokenDbContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(context);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var creationLock = new NpgsqlCommand("select pg_advisory_xact_lock($1)", connection, transaction))
        {
            creationLock.Parameters.Add(new NpgsqlParameter<long> { TypedValue = CreationLock });
            await creationLock.ExecuteNonQueryAsync(ct);
        }

        await using (var exists = new NpgsqlCommand($"select to_regclass('\"{TokenDbContext.Schema}\".\"OpenIddictApplications\"') is not null", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                await using var create = new NpgsqlCommand(context.Database.GenerateCreateScript(), connection, transaction);
                await create.ExecuteNonQueryAsync(ct);
            }
        }

        await using (var challenges = new NpgsqlCommand(ChallengesSql, connection, transaction))
        {
            await challenges.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>The tables of the two that are missing, or null when both exist.</summary>
    public static async Task<string?> FindMissingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var find = new NpgsqlCommand(
            $"select array_remove(array[case when to_regclass('\"{TokenDbContext.Schema}\".\"OpenIddictApplications\"') is null then 'OpenIddict''s tables' end, "
            + $"case when to_regclass('{ChallengesTable}') is null then '{ChallengesTable}' end], null)",
            connection);
        var missing = (string[])(await find.ExecuteScalarAsync(ct))!;
        return missing.Length == 0 ? null : $"no {string.Join(" nor ", missing)}";
    }
}
