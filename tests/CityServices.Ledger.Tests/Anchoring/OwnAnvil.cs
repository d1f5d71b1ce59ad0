using System.Collections.Concurrent;
using System.Diagnostics;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>
/// An anvil of the test's own on a free loopback port, its chain kept in a state file, so the
/// test can stop it (an outage) and start it again with the same chain, or reorganise it, without
/// touching the shared chain other tests use. It prints the method of every JSON-RPC call it
/// answers: a test waits on those as signals (the ledger polling the chain's head, say).
/// </summary>
internal sealed class OwnAnvil : IAsyncDisposable
{
    /// <summary>anvil's dev account 0 — a PUBLIC test key printed by every anvil; this chain is the test's alone.</summary>
    public const string DevAccount0Key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private readonly string _binary;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ledger-anvil-");
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private OwnAnvil(string binary, int port)
    {
        _binary = binary;
        RpcUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri RpcUrl { get; }

    public static async Task<OwnAnvil> StartAsync(CityInfrastructure infrastructure)
    {
        var binary = infrastructure.AnvilPath ?? throw new InvalidOperationException("CITY_ANVIL is not set: run the tests with ./city test.");
        var anvil = new OwnAnvil(binary, Loopback.FreePort());
        await anvil.RestartAsync();
        return anvil;
    }

    /// <summary>Starts the chain from its state file (a new chain the first time).</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo(_binary)
        {
            ArgumentList =
            {
                "--host", "127.0.0.1", "--port", RpcUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--state", Path.Combine(_folder.FullName, "state.json"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start.");
        _process.OutputDataReceived += (_, line) => _output.Enqueue(line.Data ?? "");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await AnswersAsync())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"anvil did not answer on {RpcUrl}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the chain with SIGTERM, on which anvil writes its state file, and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    /// <summary>How many calls of <paramref name="method"/> the chain has answered so far.</summary>
    public int Calls(string method) => _output.Count(line => line == method);

    /// <summary>One JSON-RPC call on this chain (see <see cref="AnvilRpc"/>).</summary>
    public Task<JsonElement> CallAsync(string method, params object[] parameters) => AnvilRpc.CallAsync(RpcUrl, method, parameters);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        _folder.Delete(recursive: true);
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            await CallAsync("eth_chainId");
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
