using System.Net.Http.Json;
using CityServices.Audit;
using CityServices.EventPipeline.TestService.Testing;
using CityServices.Ledger;

namespace CityServices.AuditTrail.Tests.Support;

/// <summary>
/// One department service (the permits test service), the ledger anchoring on the shared anvil
/// with a registry and key of its own, and city-audit: the whole audit trail for one test class.
/// </summary>
public sealed class AuditedPlatform : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly ServiceHost _ledger;

    private AuditedPlatform(CityInfrastructure infrastructure, PermitsServiceHost service, ServiceHost ledger)
    {
        Infrastructure = infrastructure;
        Service = service;
        _ledger = ledger;
    }

    public CityInfrastructure Infrastructure { get; }

    public PermitsServiceHost Service { get; }

    /// <summary>The ledger's public API (anonymous).</summary>
    public HttpClient Ledger => _ledger.Http;

    public string LedgerPostgres => _ledger.Postgres;

    public static async Task<AuditedPlatform> StartAsync(CityInfrastructure infrastructure, string name)
    {
        var prefix = CityInfrastructure.NewPrefix(name);
        var ledger = await LedgerHost.StartAnchoringAsync(infrastructure, LedgerApp.Create, $"{name}_ledger", prefix, TimeSpan.FromSeconds(1));
        var service = await PermitsServiceHost.StartAsync(infrastructure, await infrastructure.CreateDatabaseAsync(name), prefix);
        return new AuditedPlatform(infrastructure, service, ledger);
    }

    /// <summary>Stores <paramref name="count"/> events in the service and waits until the ledger has anchored all it holds.</summary>
    public async Task<IReadOnlyList<Guid>> StoreAndAnchorAsync(int count, CancellationToken ct)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await Service.ApplyForPermitAsync($"applicant {Guid.NewGuid():N}", "market-stall", ct));
        }

        var exported = (await Service.ExportAsync(ct: ct)).Count;
        await Eventually.UntilAsync(LatestAnchoredSizeAsync, size => size >= exported, $"an anchor covering {exported} leaves", Patience);
        return ids;
    }

    /// <summary>The size of the latest anchored tree (0 while none).</summary>
    public async Task<long> LatestAnchoredSizeAsync()
    {
        var anchors = await AnchorsAsync();
        return anchors.Count == 0 ? 0 : anchors[^1].GetProperty("treeSize").GetInt64();
    }

    public async Task<IReadOnlyList<JsonElement>> AnchorsAsync()
    {
        var page = await Ledger.GetFromJsonAsync<JsonElement>("/api/ledger/anchors?limit=1000");
        return page.EnumerateArray().ToList();
    }

    /// <summary>The auditor's pin of the registry the ledger deployed for itself (never read from its API).</summary>
    public Task<string> RegistryPinAsync() => LedgerHost.RegistryPinAsync(LedgerPostgres);

    /// <summary>Writes <paramref name="content"/> to a temporary file for city-audit to read.</summary>
    public static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"city-audit-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>city-audit, in-process, as an auditor's shell would run it.</summary>
    public static async Task<AuditRun> AuditAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AuditCli.RunAsync([.. args, "--json"], output, error, Ct);
        return new AuditRun(exitCode, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await _ledger.DisposeAsync();
    }
}

public sealed record AuditRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement.Clone();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
