namespace CityServices.Contracts.Tests.AnchorRegistry;

/// <summary>The files in contracts/AnchorRegistry that services deploy and call.</summary>
internal sealed record CommittedArtefacts(string Folder)
{
    public const string AbiFile = "AnchorRegistry.abi.json";
    public const string BytecodeFile = "AnchorRegistry.bin";
    public const string RuntimeBytecodeFile = "AnchorRegistry.runtime.bin";

    public static CommittedArtefacts In(CityInfrastructure infrastructure) =>
        new(Path.Combine(
            infrastructure.RepositoryRoot ?? throw new InvalidOperationException("The repository root was not found (set CITY_ROOT)."),
            "contracts",
            "AnchorRegistry"));

    public string Abi => File.ReadAllText(Path.Combine(Folder, AbiFile));

    /// <summary>Creation bytecode, hex without 0x.</summary>
    public string Bytecode => File.ReadAllText(Path.Combine(Folder, BytecodeFile)).Trim();

    /// <summary>The code a deployment leaves at the registry's address, hex without 0x.</summary>
    public string RuntimeBytecode => File.ReadAllText(Path.Combine(Folder, RuntimeBytecodeFile)).Trim();
}
