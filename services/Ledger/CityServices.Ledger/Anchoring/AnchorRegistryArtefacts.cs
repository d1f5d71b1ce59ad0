namespace CityServices.Ledger.Anchoring;

/// <summary>
/// The committed AnchorRegistry ABI and bytecode, embedded from contracts/AnchorRegistry at build
/// time: the ledger deploys and checks exactly what the contract tests verified against the source.
/// </summary>
internal static class AnchorRegistryArtefacts
{
    public static string Abi { get; } = Read("AnchorRegistry.abi.json");

    /// <summary>Creation bytecode, hex without 0x.</summary>
    public static string Bytecode { get; } = Read("AnchorRegistry.bin").Trim();

    /// <summary>What <c>eth_getCode</c> returns at a genuine registry, 0x-prefixed.</summary>
    public static string RuntimeBytecode { get; } = "0x" + Read("AnchorRegistry.runtime.bin").Trim();

    private static string Read(string file)
    {
        var name = $"CityServices.Ledger.Anchoring.{file}";
        using var stream = typeof(AnchorRegistryArtefacts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
