using Npgsql;

namespace CityServices.AuditTrail.Tests.Support;

/// <summary>What an insider with database access could do, done with plain SQL.</summary>
internal static class Tampering
{
    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>32 bytes that are no one's hash.</summary>
    public static byte[] ForgedHash() => System.Security.Cryptography.SHA256.HashData("forged"u8);
}
