namespace CityServices.Testing;

/// <summary>Where the test infrastructure is. <c>./city infra env</c> prints the same variables.</summary>
internal sealed record InfrastructureEndpoints(
    string Postgres,
    Uri RabbitMq,
    Uri ChainRpc,
    int ChainId,
    string? Solc,
    string? Anvil,
    string? RepositoryRoot)
{
    private static readonly string[] Required = ["CITY_POSTGRES", "CITY_RABBITMQ", "CITY_CHAIN_RPC"];

    /// <summary>The endpoints <c>./city test</c> exported, or null when none were.</summary>
    /// <exception cref="InvalidOperationException">Some variables are set and others missing.</exception>
    public static InfrastructureEndpoints? FromEnvironment()
    {
        var present = Required.Where(name => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name))).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        if (present.Count < Required.Length)
        {
            var missing = string.Join(", ", Required.Except(present));
            throw new InvalidOperationException(
                $"Test infrastructure is half configured: {missing} not set. Run the tests with ./city test, " +
                "or export every variable that `./city infra env` prints.");
        }

        return new InfrastructureEndpoints(
            Postgres: Environment.GetEnvironmentVariable("CITY_POSTGRES")!,
            RabbitMq: new Uri(Environment.GetEnvironmentVariable("CITY_RABBITMQ")!),
            ChainRpc: new Uri(Environment.GetEnvironmentVariable("CITY_CHAIN_RPC")!),
            ChainId: int.TryParse(Environment.GetEnvironmentVariable("CITY_CHAIN_ID"), out var chainId) ? chainId : 31337,
            Solc: Optional("CITY_SOLC"),
            Anvil: Optional("CITY_ANVIL"),
            RepositoryRoot: Optional("CITY_ROOT") ?? FindRepositoryRoot());
    }

    /// <summary>The folder holding CityServices.sln above the test binaries, for runs outside ./city.</summary>
    public static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityServices.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string? Optional(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
