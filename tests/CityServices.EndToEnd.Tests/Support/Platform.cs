using System.Security.Cryptography;
using System.Text.Json;
using CityServices.Testing;

namespace CityServices.EndToEnd.Tests.Support;

/// <summary>
/// The platform as <c>./city up</c> runs it, for one test class: the ledger (anchoring on the shared
/// anvil with a registry and account of its own), identity, health-records and the gateway, each
/// its own process with its own database, on one broker prefix. Tests reach it through
/// <see cref="Gateway"/> only.
/// </summary>
internal sealed class Platform : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private Platform(CityInfrastructure infrastructure, string credentialsFile, IReadOnlyList<ServiceProcess> processes)
    {
        Infrastructure = infrastructure;
        CredentialsFile = credentialsFile;
        Processes = processes;
        Gateway = new HttpClient { BaseAddress = Process("gateway").BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public CityInfrastructure Infrastructure { get; }

    /// <summary>The public entry point; the only address the tests' clients use.</summary>
    public HttpClient Gateway { get; }

    /// <summary>The dev credentials the identity service wrote at its start, as for <c>./city up</c>.</summary>
    public string CredentialsFile { get; }

    public IReadOnlyList<ServiceProcess> Processes { get; }

    public DevCredentials Credentials => DevCredentials.Read(CredentialsFile);

    public ServiceProcess Process(string name) => Processes.Single(p => p.Name == name);

    public static async Task<Platform> StartAsync(CityInfrastructure infrastructure, string name)
    {
        var prefix = CityInfrastructure.NewPrefix(name);
        var ports = new Dictionary<string, int>
        {
            ["gateway"] = ServiceProcess.FreePort(),
            ["identity"] = ServiceProcess.FreePort(),
            ["health-records"] = ServiceProcess.FreePort(),
            ["ledger"] = ServiceProcess.FreePort(),
        };
        var authority = $"http://127.0.0.1:{ports["identity"]}/";
        var credentialsFile = Path.Combine(Path.GetTempPath(), $"city-e2e-{Guid.NewGuid():N}", "dev-credentials.json");
        Directory.CreateDirectory(Path.GetDirectoryName(credentialsFile)!);

        string[] Common(string database) =>
        [
            $"--ConnectionStrings:Postgres={database}",
            $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
            $"--Messaging:EntityPrefix={prefix}",
            $"--Authentication:Authority={authority}",
            "--Authentication:RequireHttpsMetadata=false",
            "--Logging:LogLevel:Default=Information",
            "--Logging:LogLevel:Microsoft=Warning",
            "--Logging:LogLevel:System=Warning",
            "--Logging:LogLevel:Marten=Warning",
            // Each hop logs the requests it serves, with their trace id (ServiceDefaults' JSON logs).
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information",
        ];

        var processes = new List<ServiceProcess>();
        try
        {
            processes.Add(ServiceProcess.Start("ledger", "services/Ledger/CityServices.Ledger", ports["ledger"],
            [
                .. Common(await infrastructure.CreateDatabaseAsync($"{name}_ledger")),
                $"--Ledger:Chain:RpcUrl={infrastructure.ChainRpcUrl}",
                $"--Ledger:Chain:ChainId={infrastructure.ChainId}",
                $"--Ledger:Chain:PrivateKey={await infrastructure.FundNewAccountAsync()}",
                "--Ledger:CheckpointInterval=00:00:01",
                "--Ledger:Confirmations=1",
                // Traces of one request are followed into the ledger's per-event log lines.
                "--Logging:LogLevel:CityServices.Ledger=Debug",
            ]));
            processes.Add(ServiceProcess.Start("identity", "services/Identity/CityServices.Identity", ports["identity"],
            [
                .. Common(await infrastructure.CreateDatabaseAsync($"{name}_identity")),
                $"--Identity:Tokens:Issuer={authority}",
                $"--Identity:DevSeed:CredentialsFile={credentialsFile}",
            ]));
            processes.Add(ServiceProcess.Start("health-records", "services/HealthRecords/CityServices.HealthRecords", ports["health-records"],
            [
                .. Common(await infrastructure.CreateDatabaseAsync($"{name}_health")),
                $"--Ledger:BaseUrl=http://127.0.0.1:{ports["ledger"]}/",
            ]));
            processes.Add(ServiceProcess.Start("gateway", "gateway/CityServices.Gateway", ports["gateway"],
            [
                $"--Authentication:Authority={authority}",
                "--Authentication:RequireHttpsMetadata=false",
                "--Logging:LogLevel:Default=Information",
                "--Logging:LogLevel:Microsoft=Warning",
                "--Logging:LogLevel:System=Warning",
                "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information",
                $"--ReverseProxy:Clusters:identity:Destinations:identity-1:Address=http://127.0.0.1:{ports["identity"]}/",
                $"--ReverseProxy:Clusters:health-records:Destinations:health-records-1:Address=http://127.0.0.1:{ports["health-records"]}/",
                $"--ReverseProxy:Clusters:ledger:Destinations:ledger-1:Address=http://127.0.0.1:{ports["ledger"]}/",
            ]));

            // Identity first: the others fetch its discovery document when the first token arrives.
            await Task.WhenAll(processes.Select(p => p.WaitReadyAsync(StartTimeout)));
            await Eventually.UntilAsync(() => Task.FromResult(File.Exists(credentialsFile)), written => written,
                "the identity service to write its dev credentials");
            return new Platform(infrastructure, credentialsFile, processes);
        }
        catch
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

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
