using System.Numerics;
using System.Reflection;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;

namespace CityServices.Audit.Chain;

/// <summary>
/// Reads the AnchorRegistry over JSON-RPC with the committed ABI, and nothing else: no account, no
/// transaction. Before reading anchors it checks that the address holds the published runtime
/// code, so a look-alike contract that lets roots be rewritten cannot stand in for the registry.
/// </summary>
public sealed class AnchorRegistryReader(string rpcUrl) : IAnchorRegistry
{
    private static readonly string Abi = Resource("AnchorRegistry.abi.json");
    private static readonly string RuntimeCode = Resource("AnchorRegistry.runtime.bin").Trim();

    private readonly Web3 _web3 = new(rpcUrl);

    public Task<long> ChainIdAsync() => Read("eth_chainId", async () => (long)(await _web3.Eth.ChainId.SendRequestAsync()).Value);

    public Task<bool> IsAnchorRegistryAsync(string contract) => Read($"the code at {contract}", async () =>
    {
        var code = await _web3.Eth.GetCode.SendRequestAsync(contract);
        return string.Equals(code?.Replace("0x", "", StringComparison.Ordinal), RuntimeCode, StringComparison.OrdinalIgnoreCase);
    });

    public Task<long> CountAsync(string contract) => Read($"count() on {contract}", async () =>
        (long)await _web3.Eth.GetContract(Abi, contract).GetFunction("count").CallAsync<BigInteger>());

    public async Task<ChainAnchor?> AnchorAtAsync(string contract, long index)
    {
        // anchorAt reverts past the end; asking count first turns that into a plain answer.
        if (index < 0 || index >= await CountAsync(contract))
        {
            return null;
        }

        var outputs = await Read($"anchorAt({index}) on {contract}", () =>
            _web3.Eth.GetContract(Abi, contract).GetFunction("anchorAt").CallDecodingToDefaultAsync(new BigInteger(index)));
        return new ChainAnchor(
            index,
            Convert.ToHexStringLower((byte[])Output(outputs, "root")),
            (long)(BigInteger)Output(outputs, "treeSize"),
            (long)(BigInteger)Output(outputs, "blockNumber"),
            (long)(BigInteger)Output(outputs, "timestamp"));
    }

    private static object Output(List<ParameterOutput> outputs, string name) =>
        outputs.Single(output => output.Parameter.Name == name).Result;

    private async Task<T> Read<T>(string what, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is RpcClientUnknownException or RpcClientTimeoutException or RpcResponseException or HttpRequestException)
        {
            throw new ChainException($"Could not read {what} from the chain at {rpcUrl}: {e.Message}", e);
        }
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
