using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityServices.Identity.Tokens.Storage;

/// <summary>
/// Creates the token server's tables when they are missing: OpenIddict's (from the EF model, since
/// EnsureCreated does nothing in a database that already has tables, such as Marten's) and the
/// card sign-in challenges. Idempotent; the caller holds the start-up advisory lock, so replicas
/// starting together create them once. DDL is transactional in PostgreSQL: all or nothing.
/// </summary>
public static class TokenStoreSchema
{
    public const string ChallengesTable = "card_sign_in.challenges";

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
}
