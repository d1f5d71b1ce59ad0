using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityServices.Audit.Output;

namespace CityServices.Audit.Chain;

/// <summary>
/// The auditor's trust anchor: the city's AnchorRegistry (chain id and address), learned out of band
/// (docs/architecture.md, "The auditor's trust anchor"). Given as <c>--registry &lt;chainId&gt;:&lt;address&gt;</c>
/// or as the pin document the city publishes, <c>{"chainId": 31337, "registry": "0x…"}</c>. Never taken
/// from a receipt or the ledger: an anchor in any other registry proves nothing.
/// </summary>
public sealed partial record RegistryPin(long ChainId, string Registry)
{
    public override string ToString() => $"{Registry} on chain {ChainId.ToString(CultureInfo.InvariantCulture)}";

    public static RegistryPin Parse(string text, string source)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !long.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
        {
            throw new AuditInputException($"{source}: '{text}' is not <chainId>:<address>, e.g. 31337:0x5fbdb2315678afecb367f032d93f642f64180aa3.");
        }

        return Create(chainId, text[(colon + 1)..], source);
    }

    /// <summary>Reads the pin document the city publishes (and the auditor stored): <c>{"chainId": n, "registry": "0x…"}</c>.</summary>
    public static RegistryPin Load(string path)
    {
        var source = $"--pin {path}";
        Document document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), AuditJson.Options)
                ?? throw new AuditInputException($"{source} is null, not a pin document.");
        }
        catch (JsonException e)
        {
            throw new AuditInputException($"{source} is not a pin document {{\"chainId\": <number>, \"registry\": \"0x<40 hex digits>\"}}: {e.Message}", e);
        }

        return Create(document.ChainId, document.Registry, source);
    }

    private static RegistryPin Create(long chainId, string address, string source) =>
        chainId > 0 && AddressPattern().IsMatch(address)
            ? new RegistryPin(chainId, address.ToLowerInvariant())
            : throw new AuditInputException($"{source}: chain id {chainId} and address '{address}' do not name a registry (a positive chain id and 0x with 40 hex digits).");

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex AddressPattern();

    private sealed record Document(long ChainId, string Registry);
}
