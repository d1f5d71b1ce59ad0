using System.Buffers.Text;
using System.Security.Cryptography;
using Npgsql;

namespace CityServices.Identity.Tokens.CardSignIn;

/// <summary>A nonce issued for one card, and the exact message its holder must sign.</summary>
public sealed record SignInChallenge(string Nonce, Guid CardId, string Message, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

/// <summary>
/// The challenges in PostgreSQL, so a nonce issued by one replica is redeemed once across all of
/// them: redeeming is one conditional UPDATE (unused and unexpired, at the caller's clock).
/// </summary>
public sealed class SignInChallenges(NpgsqlDataSource dataSource)
{
    /// <summary>The domain-separation prefix of the signed message; a new format would be v2.</summary>
    public const string MessagePrefix = "cityservices-card-sign-in:v1:";

    // Redeemed and expired challenges are kept a day for investigations, then dropped as new ones are issued.
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public static string MessageFor(string nonce) => MessagePrefix + nonce;

    public async Task<SignInChallenge> IssueAsync(Guid cardId, DateTimeOffset now, TimeSpan lifetime, CancellationToken ct)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = new SignInChallenge(nonce, cardId, MessageFor(nonce), now + lifetime, null);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            $"insert into {Storage.TokenStoreSchema.ChallengesTable} (nonce, card_id, message, issued_at, expires_at) values ($1, $2, $3, $4, $5)",
            nonce, cardId, challenge.Message, now, challenge.ExpiresAt));
        batch.BatchCommands.Add(Command($"delete from {Storage.TokenStoreSchema.ChallengesTable} where expires_at < $1", now - Retention));
        await batch.ExecuteNonQueryAsync(ct);
        return challenge;
    }

    public async Task<SignInChallenge?> FindAsync(string nonce, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select nonce, card_id, message, expires_at, used_at from {Storage.TokenStoreSchema.ChallengesTable} where nonce = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = nonce });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new SignInChallenge(reader.GetString(0), reader.GetGuid(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }

    /// <summary>Marks the nonce used if it is still unused and unexpired; false when another request got there first or it expired.</summary>
    public async Task<bool> RedeemAsync(string nonce, Guid cardId, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"update {Storage.TokenStoreSchema.ChallengesTable} set used_at = $3 " +
            "where nonce = $1 and card_id = $2 and used_at is null and expires_at > $3 returning nonce");
        command.Parameters.Add(new NpgsqlParameter { Value = nonce });
        command.Parameters.Add(new NpgsqlParameter { Value = cardId });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
