using System.Globalization;
using System.Security.Cryptography;
using CityServices.Ledger.Log.Ingest;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>
/// The whole ledger with its anchoring writer on, fast: a short checkpoint interval and quick
/// polling. Leaves go in through the log's own appender; the test keeps the same leaves in a
/// <see cref="MerkleTree"/> to know every root to expect.
/// </summary>
internal sealed class AnchoringLedger : IAsyncDisposable
{
    private readonly ServiceHost _host;
    private readonly MerkleTree _expected;

    private AnchoringLedger(ServiceHost host, MerkleTree expected, CapturedLog log)
    {
        _host = host;
        _expected = expected;
        Log = log;
    }

    public MerkleTree Expected => _expected;

    /// <summary>The host's warnings and errors: anchoring's refusals and halts.</summary>
    public CapturedLog Log { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="expected">The leaves already in the database, when a test restarts the ledger.</param>
    /// <param name="settings">Further settings, as <c>--Key=value</c>; they win over these defaults.</param>
    public static async Task<AnchoringLedger> StartAsync(
        CityInfrastructure infrastructure,
        string postgres,
        Uri rpcUrl,
        string privateKey,
        MerkleTree? expected = null,
        int confirmations = 1,
        string? contractAddress = null,
        bool anchoring = true,
        params string[] settings)
    {
        var log = new CapturedLog();
        var host = await TestLedger.StartAsync(
            infrastructure,
            postgres,
            CityInfrastructure.NewPrefix("anchoring"),
            services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log),
            [
                $"--Ledger:RunAnchoring={anchoring}",
                "--Ledger:CheckpointInterval=00:00:00.200",
                $"--Ledger:Confirmations={confirmations.ToString(CultureInfo.InvariantCulture)}",
                $"--Ledger:Chain:RpcUrl={rpcUrl}",
                $"--Ledger:Chain:ChainId={infrastructure.ChainId.ToString(CultureInfo.InvariantCulture)}",
                $"--Ledger:Chain:PrivateKey={privateKey}",
                $"--Ledger:Chain:ContractAddress={contractAddress}",
                "--Ledger:Chain:PollInterval=00:00:00.050",
                "--Ledger:Chain:WaitTimeout=00:00:15",
                .. settings,
            ]);
        return new AnchoringLedger(host, expected ?? new MerkleTree(), log);
    }

    /// <summary>Appends <paramref name="count"/> random leaves and returns the log's new size.</summary>
    public async Task<long> AppendAsync(int count)
    {
        var leaves = Enumerable.Range(0, count)
            .Select(i => new LeafSubmission(Guid.CreateVersion7(), "permits", _expected.Size + i + 1, RandomNumberGenerator.GetBytes(32)))
            .ToList();
        var outcome = await _host.Services.GetRequiredService<LeafAppender>().AppendAsync(leaves, Ct);
        _expected.AppendRange(leaves.Select(leaf => leaf.LeafHash));
        Assert.Equal(_expected.Size, outcome.TreeSize);
        return outcome.TreeSize;
    }

    public string ExpectedRoot(long treeSize) => Convert.ToHexStringLower(_expected.RootHash(treeSize));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
