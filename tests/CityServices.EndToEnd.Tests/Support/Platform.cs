using System.Security.Cryptography;
using System.Text.Json;
using CityServices.Testing;
using CityServices.Topology;

namespace CityServices.EndToEnd.Tests.Support;

/// <summary>
/// The platform as <c>./city up</c> runs it, for one test class: every built deployable of
/// tools/city/deployables (the ledger anchoring on the shared anvil with a registry and account of
/// its own), each its own process with its own database and what its needs column asks for, on one
/// broker prefix. Tests reach it through <see cref="Gateway"/> only.
/// </summary>
internal sealed class Platform : IAsyncDisposable
{
    // Two test classes start a platform each at once, every process warming up together: on a
    // shared two-core machine identity alone has taken over 90 s to get ready.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    /// <summary>
    /// What a test run changes of a deployable's own settings: the ledger anchors from an account of
    /// its own (test classes never share a nonce), every second, after one confirmation.
    /// </summary>
    private static readonly Dictionary<string, Func<CityInfrastructure, Task<string[]>>> TestRunSettings = new()
    {
        ["ledger"] = async infrastructure =>
        [
            $"--Ledger:Chain:PrivateKey={await infrastructure.FundNewAccountAsync()}",
            "--Ledger:CheckpointInterval=00:00:01",
            "--Ledger:Confirmations=1",
            // Traces of one request are followed into the ledger's per-event log lines.
            "--Logging:LogLevel:CityServices.Ledger=Debug",
        ],
    };

    private Platform(
        CityInfrastructure infrastructure, string credentialsFile, IReadOnlyList<ServiceProcess> processes, string entryPoint, IReadOnlyDictionary<string, string> databases)
    {
        Infrastructure = infrastructure;
        Databases = databases;
        CredentialsFile = credentialsFile;
        Processes = processes;
        Gateway = new HttpClient { BaseAddress = processes.Single(p => p.Name == entryPoint).BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public CityInfrastructure Infrastructure { get; }

    /// <summary>The public entry point; the only address the tests' clients use.</summary>
    public HttpClient Gateway { get; }

    /// <summary>The dev credentials the identity service wrote at its start, as for <c>./city up</c>.</summary>
    public string CredentialsFile { get; }

    public IReadOnlyList<ServiceProcess> Processes { get; }

    /// <summary>Each deployable's own database, by deployable name: what the city's operators, not its clients, can read.</summary>
    public IReadOnlyDictionary<string, string> Databases { get; }

    public DevCredentials Credentials => DevCredentials.Read(CredentialsFile);

    public ServiceProcess Process(string name) => Processes.Single(p => p.Name == name);

    /// <summary>Starts every deployable of tools/city/deployables that is built (not planned), as <c>./city up</c> does.</summary>
    public static async Task<Platform> StartAsync(CityInfrastructure infrastructure, string name)
    {
        var manifest = Manifest.Load(ServiceProcess.RepositoryRoot());
        var prefix = CityInfrastructure.NewPrefix(name);
        // Free ports instead of ./city's, so a run never meets ./city up's platform; a planned
        // deployable's port stays free, so its gateway routes answer 503 as under ./city.
        var ports = manifest.Deployables.ToDictionary(d => d.Name, _ => ServiceProcess.FreePort());
        var stateDirectory = Path.Combine(Path.GetTempPath(), $"city-e2e-{Guid.NewGuid():N}");
        Directory.CreateDirectory(stateDirectory);

        var processes = new List<ServiceProcess>();
        var databases = new Dictionary<string, string>();
        try
        {
            foreach (var deployable in manifest.Deployables.Where(d => d.Project is not null))
            {
                List<string> settings =
                [
                    $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
                    $"--Messaging:EntityPrefix={prefix}",
                    $"--Chain:RpcUrl={infrastructure.ChainRpcUrl}",
                    $"--Chain:ChainId={infrastructure.ChainId}",
                    "--Authentication:RequireHttpsMetadata=false",
                    "--Logging:LogLevel:Default=Information",
                    "--Logging:LogLevel:Microsoft=Warning",
                    "--Logging:LogLevel:System=Warning",
                    "--Logging:LogLevel:Marten=Warning",
                    // Each hop logs the requests it serves, with their trace id (ServiceDefaults' JSON logs).
                    "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information",
                    .. manifest.SettingsOf(deployable, d => new Uri($"http://127.0.0.1:{ports[d.Name]}/"), file => Path.Combine(stateDirectory, file))
                        .Select(setting => $"--{setting.Key}={setting.Value}"),
                ];
                if (deployable.Database is not null)
                {
                    databases[deployable.Name] = await infrastructure.CreateDatabaseAsync($"{name}_{deployable.Database}");
                    settings.Add($"--ConnectionStrings:Postgres={databases[deployable.Name]}");
                }

                if (TestRunSettings.TryGetValue(deployable.Name, out var extra))
                {
                    settings.AddRange(await extra(infrastructure));
                }

                processes.Add(ServiceProcess.Start(deployable.Name, deployable.Project!, ports[deployable.Name], settings));
            }

            await Task.WhenAll(processes.Select(p => p.WaitReadyAsync(StartTimeout)));
            // The state file ./city demo reads too: the dev credentials identity writes at its start.
            var credentialsFile = Path.Combine(stateDirectory, "dev-credentials.json");
            await Eventually.UntilAsync(() => Task.FromResult(File.Exists(credentialsFile)), written => written,
                "the identity service to write its dev credentials");
            return new Platform(infrastructure, credentialsFile, processes, manifest.Deployables.Single(d => d.IsEntryPoint).Name, databases);
        }
        catch
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            Directory.Delete(stateDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>Every process's log, for a failure message.</summary>
    public string Logs() => string.Join("\n\n", Processes.Select(p => $"── {p.Name} ──\n{p.Tail()}"));

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        foreach (var process in Processes)
        {
            await process.DisposeAsync();
        }

        Directory.Delete(Path.GetDirectoryName(CredentialsFile)!, recursive: true);
    }
}

/// <summary>What <c>.city/dev-credentials.json</c> holds, as the demo and people use it (docs/identity.md).</summary>
internal sealed record DevCredentials(JsonElement Root)
{
    public string SecretOf(string clientId) =>
        Root.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == clientId)
            .GetProperty("clientSecret").GetString()!;

    /// <summary>The dev doctor: citizen id, card id and the card's private key.</summary>
    public (Guid CitizenId, Guid CardId, ECDsa Key) Doctor()
    {
        var doctor = Root.GetProperty("doctor");
        var key = ECDsa.Create();
        key.ImportFromPem(doctor.GetProperty("privateKeyPem").GetString());
        return (doctor.GetProperty("citizenId").GetGuid(), doctor.GetProperty("cardId").GetGuid(), key);
    }

    public static DevCredentials Read(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());
}
