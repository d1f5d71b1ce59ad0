using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace CityServices.Testing;

/// <summary>
/// The real ledger (<c>LedgerApp.Create</c>) for any test: its API is anonymous, it consumes the
/// <c>EventRecorded</c> of the test's prefix. Its API keeps the shipped rate limit: leaves arrive
/// over the broker, which it does not limit, and clients of its API must cope with the limit as
/// an auditor's would (city-audit waits out its 429s).
/// </summary>
public static class LedgerHost
{
    /// <summary>The ledger without anchoring: it logs leaves and serves proofs, and never touches the chain.</summary>
    public static Task<ServiceHost> StartAsync(
        CityInfrastructure infrastructure, CreateApp ledgerApp, string name, string? prefix = null, string? postgres = null, params string[] settings) =>
        ServiceHost.StartAsync(infrastructure, ledgerApp, name, new ServiceHostOptions
        {
            Postgres = postgres,
            Prefix = prefix,
            Settings =
            [
                "--Ledger:RunAnchoring=false",
                .. Chain(infrastructure, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))),
                .. settings,
            ],
        });

    /// <summary>The ledger anchoring on the shared chain with a funded account (and so a registry) of its own.</summary>
    public static async Task<ServiceHost> StartAnchoringAsync(
        CityInfrastructure infrastructure, CreateApp ledgerApp, string name, string prefix, TimeSpan checkpointInterval) =>
        await ServiceHost.StartAsync(infrastructure, ledgerApp, name, new ServiceHostOptions
        {
            Prefix = prefix,
            Settings =
            [
                .. Chain(infrastructure, await infrastructure.FundNewAccountAsync()),
                $"--Ledger:CheckpointInterval={checkpointInterval.ToString("c", CultureInfo.InvariantCulture)}",
                "--Ledger:Confirmations=1",
            ],
        });

    /// <summary>
    /// The auditor's pin (<c>chainId:address</c>, city-audit's <c>--registry</c>) of the registry an anchoring
    /// ledger deployed for itself: read from its deployment record (ledger.anchor_registry), which is what
    /// a city publishes (docs/audit.md), never from its API or a receipt. Call it once the ledger anchored.
    /// </summary>
    public static async Task<string> RegistryPinAsync(string ledgerPostgres)
    {
        await using var connection = new NpgsqlConnection(ledgerPostgres);
        await connection.OpenAsync(TestRun.Ct);
        await using var command = new NpgsqlCommand("select chain_id::text || ':' || contract from ledger.anchor_registry", connection);
        return (string?)await command.ExecuteScalarAsync(TestRun.Ct) ?? throw new InvalidOperationException("The ledger has not deployed its registry yet.");
    }

    private static string[] Chain(CityInfrastructure infrastructure, string privateKey) =>
    [
        $"--Ledger:Chain:RpcUrl={infrastructure.ChainRpcUrl}",
        $"--Ledger:Chain:ChainId={infrastructure.ChainId.ToString(CultureInfo.InvariantCulture)}",
        $"--Ledger:Chain:PrivateKey={privateKey}",
    ];
}
