using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Nethereum.Signer;
using Npgsql;

namespace CityServices.Bench;

/// <summary>
/// The PostgreSQL, RabbitMQ and anvil of <c>./city infra</c> (the <c>CITY_*</c> variables), and
/// the same isolation the tests use: a fresh database and broker prefix per measurement, a
/// freshly funded account per chain run.
/// </summary>
internal sealed class BenchInfrastructure
{
    private readonly List<string> _databases = [];

    private BenchInfrastructure(string postgres, Uri rabbitMq, Uri chainRpc, int chainId)
    {
        Postgres = postgres;
        RabbitMq = rabbitMq;
        ChainRpc = chainRpc;
        ChainId = chainId;
    }

    public string Postgres { get; }
    public Uri RabbitMq { get; }
    public Uri ChainRpc { get; }
    public int ChainId { get; }

    public static BenchInfrastructure FromEnvironment()
    {
        static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run through ./city bench, or eval \"$(./city infra env)\" first.");
        return new BenchInfrastructure(
            Required("CITY_POSTGRES"),
            new Uri(Required("CITY_RABBITMQ")),
            new Uri(Required("CITY_CHAIN_RPC")),
            int.TryParse(Environment.GetEnvironmentVariable("CITY_CHAIN_ID"), CultureInfo.InvariantCulture, out var id) ? id : 31337);
    }

    /// <summary>A new empty database named <c>bench_&lt;hint&gt;_&lt;random&gt;</c>; dropped by <see cref="DropAsync"/>.</summary>
    public async Task<(string Name, string ConnectionString)> CreateDatabaseAsync(string hint)
    {
        var name = $"bench_{hint}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await ExecuteAsync($"create database \"{name}\"");
        _databases.Add(name);
        return (name, new NpgsqlConnectionStringBuilder(Postgres) { Database = name, MaxPoolSize = 20 }.ConnectionString);
    }

    public async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"drop database if exists \"{name}\" with (force)");
        _databases.Remove(name);
    }

    /// <summary>Drops every database this run created and still owns.</summary>
    public async Task DropAllAsync()
    {
        foreach (var name in _databases.ToList())
        {
            await DropAsync(name);
        }
    }

    /// <summary>Keeps a database past the run (it is no longer dropped by <see cref="DropAllAsync"/>).</summary>
    public void Keep(string name) => _databases.Remove(name);

    public static string NewPrefix(string hint) => $"bench-{hint}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}-";

    /// <summary>A fresh key funded through anvil_setBalance: its own nonce, its own registry.</summary>
    public async Task<string> FundNewAccountAsync()
    {
        var key = EthECKey.GenerateKey();
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(ChainRpc, new
        {
            jsonrpc = "2.0",
            id = 1,
            method = "anvil_setBalance",
            @params = new[] { key.GetPublicAddress(), "0x3635c9adc5dea00000" },
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        if (body.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The chain refused to fund the bench account: {body}");
        }

        return key.GetPrivateKey();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        // Dropping a database of a million rows on a busy shared machine can take longer than Npgsql's 30 s default.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }
}
