using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Nethereum.Signer;
using Npgsql;
using Xunit;

namespace CityServices.Testing;

/// <summary>
/// The real PostgreSQL, RabbitMQ and Ethereum chain a test assembly runs against, shared by all
/// its test classes (<c>[assembly: AssemblyFixture(typeof(CityInfrastructure))]</c>). Each class
/// isolates itself through <see cref="CreateDatabaseAsync"/>, <see cref="NewPrefix"/> and
/// <see cref="FundNewAccountAsync"/>, so classes run in parallel without seeing each other's data.
/// </summary>
public sealed class CityInfrastructure : IAsyncLifetime
{
    private InfrastructureEndpoints? _endpoints;
    private TestcontainersInfrastructure? _containers;

    private InfrastructureEndpoints Endpoints =>
        _endpoints ?? throw new InvalidOperationException("The infrastructure fixture has not been initialised.");

    /// <summary>A superuser connection to the server's maintenance database.</summary>
    public string PostgresConnectionString => Endpoints.Postgres;

    /// <summary>The broker, e.g. <c>amqp://guest:guest@127.0.0.1:55672/</c>.</summary>
    public Uri RabbitMqUri => Endpoints.RabbitMq;

    /// <summary>The chain's JSON-RPC endpoint (anvil).</summary>
    public Uri ChainRpcUrl => Endpoints.ChainRpc;

    public int ChainId => Endpoints.ChainId;

    /// <summary>solc's <c>solc.js</c> (run with node), when the tools are installed (<c>./city test</c> installs them).</summary>
    public string? SolcPath => Endpoints.Solc;

    /// <summary>The anvil binary, for tests that stop and restart a chain of their own.</summary>
    public string? AnvilPath => Endpoints.Anvil;

    /// <summary>The repository root, for tests that read committed artefacts.</summary>
    public string? RepositoryRoot => Endpoints.RepositoryRoot;

    public async ValueTask InitializeAsync()
    {
        var fromEnvironment = InfrastructureEndpoints.FromEnvironment();
        if (fromEnvironment is not null)
        {
            _endpoints = fromEnvironment;
            return;
        }

        _containers = await TestcontainersInfrastructure.StartAsync();
        _endpoints = _containers.Endpoints;
    }

    public async ValueTask DisposeAsync()
    {
        if (_containers is not null)
        {
            await _containers.DisposeAsync();
        }
    }

    /// <summary>
    /// Creates an empty database of the test's own and returns a connection string to it.
    /// Databases are named after the hint and a random suffix, so parallel classes never meet.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string hint)
    {
        var name = $"t_{Sanitise(hint, '_')}_{RandomSuffix()}";
        await using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        // A test's pool is its own (one database per test): idle connections are closed after
        // seconds, not Npgsql's five minutes, so a suite of hundreds of databases does not hold the
        // server's connection slots long after the tests that opened them have finished.
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString)
        {
            Database = name,
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
        }.ConnectionString;
    }

    /// <summary>
    /// A prefix for RabbitMQ exchange and queue names (<c>Messaging:EntityPrefix</c>), so a test
    /// class's messages never reach another class's consumers on the shared broker.
    /// </summary>
    public static string NewPrefix(string hint) => $"t-{Sanitise(hint, '-')}-{RandomSuffix()}-";

    /// <summary>
    /// A fresh private key (hex) funded with 1,000 ether through anvil's <c>anvil_setBalance</c>:
    /// a test class with its own account never races another for a nonce.
    /// </summary>
    public async Task<string> FundNewAccountAsync()
    {
        var key = EthECKey.GenerateKey();
        var address = key.GetPublicAddress();
        const string thousandEtherInWei = "0x3635c9adc5dea00000";
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(ChainRpcUrl, new
        {
            jsonrpc = "2.0",
            id = 1,
            method = "anvil_setBalance",
            @params = new[] { address, thousandEtherInWei },
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        if (body.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The chain refused to fund a test account: {body}");
        }

        return key.GetPrivateKey();
    }

    private static string RandomSuffix() =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static string Sanitise(string hint, char separator)
    {
        var chars = hint.ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) ? c : separator)
            .Take(24)
            .ToArray();
        return new string(chars).Trim(separator).ToString(CultureInfo.InvariantCulture);
    }
}
