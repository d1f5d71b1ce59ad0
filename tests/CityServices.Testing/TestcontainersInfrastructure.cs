using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace CityServices.Testing;

/// <summary>
/// The fallback for a developer's laptop with a Docker engine and no <c>./city</c> infrastructure:
/// the same three components in containers. On machines without Docker the failure says what to do.
/// </summary>
internal sealed class TestcontainersInfrastructure : IAsyncDisposable
{
    private const ushort AnvilPort = 8545;

    private readonly PostgreSqlContainer _postgres;
    private readonly RabbitMqContainer _rabbitMq;
    private readonly IContainer _anvil;

    private TestcontainersInfrastructure(PostgreSqlContainer postgres, RabbitMqContainer rabbitMq, IContainer anvil)
    {
        _postgres = postgres;
        _rabbitMq = rabbitMq;
        _anvil = anvil;
    }

    public InfrastructureEndpoints Endpoints => new(
        Postgres: _postgres.GetConnectionString(),
        RabbitMq: new Uri(_rabbitMq.GetConnectionString()),
        ChainRpc: new Uri($"http://{_anvil.Hostname}:{_anvil.GetMappedPublicPort(AnvilPort)}"),
        ChainId: 31337,
        Solc: null,
        Anvil: null,
        RepositoryRoot: InfrastructureEndpoints.FindRepositoryRoot());

    public static async Task<TestcontainersInfrastructure> StartAsync()
    {
        try
        {
            // Building a container already asks the Docker engine, so this belongs in the try too.
            var postgres = new PostgreSqlBuilder("postgres:15-alpine").Build();
            var rabbitMq = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
            var anvil = new ContainerBuilder("ghcr.io/foundry-rs/foundry:stable")
                .WithEntrypoint("anvil")
                .WithCommand("--host", "0.0.0.0", "--port", AnvilPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithPortBinding(AnvilPort, assignRandomHostPort: true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Listening on"))
                .Build();
            await Task.WhenAll(postgres.StartAsync(), rabbitMq.StartAsync(), anvil.StartAsync());
            return new TestcontainersInfrastructure(postgres, rabbitMq, anvil);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "No test infrastructure: the CITY_* variables are not set and no Docker engine could start " +
                "containers. Run the tests with `./city test`, which starts PostgreSQL, RabbitMQ and anvil " +
                "locally and sets the variables.", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _postgres.DisposeAsync();
        await _rabbitMq.DisposeAsync();
        await _anvil.DisposeAsync();
    }
}
