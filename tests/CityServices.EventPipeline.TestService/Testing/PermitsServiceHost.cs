using System.Net.Http.Json;
using System.Text.Json;

using CityServices.EventPipeline.TestService.Permits;
using CityServices.Testing;
using Marten;

namespace CityServices.EventPipeline.TestService.Testing;

/// <summary>The permits test service on a real loopback port (the shared <see cref="ServiceHost"/>), with the token issuer it trusts.</summary>
public sealed class PermitsServiceHost : IAsyncDisposable
{
    private readonly ServiceHost _host;

    private PermitsServiceHost(ServiceHost host, TestIssuer issuer)
    {
        _host = host;
        Issuer = issuer;
    }

    /// <summary>An anonymous client; <see cref="GetAsAuditorAsync"/> adds an auditor's token.</summary>
    public HttpClient Http => _host.Http;

    /// <summary>The token issuer the service trusts.</summary>
    public TestIssuer Issuer { get; }

    public string Postgres => _host.Postgres;

    public IServiceProvider Services => _host.Services;

    public IDocumentStore Store => _host.Get<IDocumentStore>();

    /// <param name="rabbitMq">Another way to the broker (a proxy a test can cut).</param>
    public static async Task<PermitsServiceHost> StartAsync(
        CityInfrastructure infrastructure, string postgres, string prefix, bool runRelay = true, Uri? rabbitMq = null)
    {
        var issuer = await TestIssuer.StartAsync();
        var host = await ServiceHost.StartAsync(infrastructure, PermitsApp.Create, "permits",
            Options(postgres, prefix, runRelay, new Uri(issuer.Issuer), rabbitMq) with { WaitUntilReady = false });
        return new PermitsServiceHost(host, issuer);
    }

    /// <summary>Applies for a permit through the API and returns its id.</summary>
    public async Task<Guid> ApplyForPermitAsync(string applicant = "Ada", string kind = "kiosk", CancellationToken ct = default)
    {
        var response = await Http.PostAsJsonAsync("/api/permits/permits", new ApplyForPermit(applicant, kind), ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    /// <summary>Adds a note through the API, without a precondition.</summary>
    public async Task AddNoteAsync(Guid id, string note, CancellationToken ct = default) =>
        (await Http.PostAsJsonAsync($"/api/permits/permits/{id}/notes", new AddNote(note), ct)).EnsureSuccessStatusCode();

    /// <summary>The audit export, read with an auditor's token and parsed line by line.</summary>
    public async Task<List<ExportLine>> ExportAsync(string query = "", CancellationToken ct = default)
    {
        var response = await GetAsAuditorAsync($"/api/permits/audit/events{query}", ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ExportLine.Parse).ToList();
    }

    /// <summary>GET with a token of the <c>audit</c> scope, as an auditor's client would send.</summary>
    public Task<HttpResponseMessage> GetAsAuditorAsync(string path, CancellationToken ct) =>
        _host.SendAsync(HttpMethod.Get, path, Issuer.CreateToken(PermitsApp.AuditScope), ct: ct);

    /// <summary>The settings the service takes, as command-line arguments, for a child process.</summary>
    /// <param name="authority">The token issuer; a child process that serves no API may name an unused address.</param>
    public static string[] ServiceArguments(
        CityInfrastructure infrastructure, string postgres, string prefix, bool runRelay, string urls, Uri authority) =>
        ServiceHost.Arguments(infrastructure, postgres, prefix, Options(postgres, prefix, runRelay, authority) with { Url = new Uri(urls) });

    private static ServiceHostOptions Options(string postgres, string prefix, bool runRelay, Uri authority, Uri? rabbitMq = null) => new()
    {
        Postgres = postgres,
        Prefix = prefix,
        Authority = authority,
        Settings =
        [
            $"--EventStore:RunRelay={runRelay}",
            .. rabbitMq is null ? [] : new[] { $"--ConnectionStrings:RabbitMq={rabbitMq}" },
        ],
    };

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
