using System.Diagnostics;
using System.Globalization;
using Nethereum.Web3;

namespace CityServices.Audit.Tests.Support;

/// <summary>
/// A new anvil of the test's own on a free loopback port: its dev account 0 deploys the registry at
/// the same address on every fresh chain, so a committed vector can name it.
/// </summary>
internal sealed class FreshChain : IAsyncDisposable
{
    /// <summary>anvil's dev account 0 — a PUBLIC test key printed by every anvil; this chain is the test's alone.</summary>
    public const string DevAccount0Key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public const int ChainId = 31337;

    private readonly Process _process;

    private FreshChain(Process process, Uri rpcUrl)
    {
        _process = process;
        RpcUrl = rpcUrl;
    }

    public Uri RpcUrl { get; }

    public static async Task<FreshChain> StartAsync(CityInfrastructure infrastructure)
    {
        var binary = infrastructure.AnvilPath ?? throw new InvalidOperationException("CITY_ANVIL is not set: run the tests with ./city test.");
        var port = Loopback.FreePort().ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "--host", "127.0.0.1", "--port", port, "--chain-id", ChainId.ToString(CultureInfo.InvariantCulture), "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("anvil did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var chain = new FreshChain(process, new Uri($"http://127.0.0.1:{port}"));
        await Eventually.UntilAsync(chain.AnswersAsync, answers => answers || process.HasExited, $"anvil on port {port}", TimeSpan.FromSeconds(20));
        return process.HasExited ? throw new InvalidOperationException($"anvil exited (port {port} taken?).") : chain;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            await new Web3(RpcUrl.ToString()).Eth.ChainId.SendRequestAsync();
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException)
        {
            return false;
        }
    }
}
