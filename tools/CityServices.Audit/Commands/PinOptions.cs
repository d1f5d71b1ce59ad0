using System.CommandLine;
using CityServices.Audit.Chain;
using CityServices.Audit.Output;

namespace CityServices.Audit.Commands;

/// <summary><c>--registry</c> or <c>--pin</c>: the trust anchor every verifier against the chain needs, exactly one of them.</summary>
internal sealed class PinOptions
{
    private readonly Option<string> _registry = new("--registry")
    {
        Description = "The city's AnchorRegistry you trust, as <chainId>:<address> (published by the city, learned out of band).",
    };

    private readonly Option<FileInfo> _pin = new("--pin")
    {
        Description = "A pin document {\"chainId\": n, \"registry\": \"0x…\"} the city publishes and you stored (instead of --registry).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_registry);
        command.Options.Add(_pin);
    }

    /// <summary>Without a pin nothing can be verified: an address named by a receipt or the ledger is the attacker's to choose.</summary>
    public async Task<PinnedRegistry> ConnectAsync(ParseResult parse, string rpcUrl) =>
        await PinnedRegistry.ConnectAsync(new AnchorRegistryReader(rpcUrl), Resolve(parse));

    private RegistryPin Resolve(ParseResult parse) => (parse.GetValue(_registry), parse.GetValue(_pin)) switch
    {
        ({ } registry, null) => RegistryPin.Parse(registry, "--registry"),
        (null, { } pin) => RegistryPin.Load(pin.FullName),
        (null, null) => throw new AuditInputException(
            "cannot verify without a pinned registry: give --registry <chainId>:<address> or --pin <file>, the AnchorRegistry the city publishes "
            + "(docs/audit.md, \"Pinning the city's registry\"); the address a receipt or the ledger names is never trusted."),
        _ => throw new AuditInputException("give --registry or --pin, not both."),
    };
}
