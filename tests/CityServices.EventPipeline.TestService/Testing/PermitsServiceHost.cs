using System.Net.Http.Json;
using System.Text.Json;

using CityServices.EventPipeline.TestService.Permits;
using CityServices.Testing;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.EventPipeline.TestService.Testing;

/// <summary>The permits test service on a real loopback port, with its own database and broker prefix.</summary>
public sealed class PermitsServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PermitsServiceHost(WebApplication app, string postgres, TestIssuer issuer)
    {
        _app = app;
        Postgres = postgres;
        Issuer = issuer;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>An anonymous client; <see cref="GetAsAuditorAsync"/> adds an auditor's token.</summary>
    public HttpClient Http { get; }

    /// <summary>The token issuer the service trusts.</summary>
    public TestIssuer Issuer { get; }

    public string Postgres { get; }

    public IServiceProvider Services => _app.Services;

    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();

    public static async Task<PermitsServiceHost> StartAsync(
        CityInfrastructure infrastructure,
        string postgres,
        string prefix,
        bool runRelay = true,
        Action<IBusRegistrationConfigurator>? addConsumers = null,
        Uri? rabbitMq = null)
    {
        var issuer = await TestIssuer.StartAsync();
        var arguments = ServiceArguments(infrastructure, postgres, prefix, runRelay, "http://127.0.0.1:0", new Uri(issuer.Issuer));
        if (rabbitMq is not null)
        {
            arguments = [.. arguments, $"--ConnectionStrings:RabbitMq={rabbitMq}"];
        }

        var app = PermitsApp.Create(arguments, addConsumers);
        await app.StartAsync();
        return new PermitsServiceHost(app, postgres, issuer);
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
    public async Task<HttpResponseMessage> GetAsAuditorAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", Issuer.CreateToken(PermitsApp.AuditScope));
        return await Http.SendAsync(request, ct);
    }

    /// <summary>The settings the service takes, as command-line arguments (also used for the child process).</summary>
    /// <param name="authority">The token issuer; a child process that serves no API may name an unused address.</param>
    public static string[] ServiceArguments(
        CityInfrastructure infrastructure, string postgres, string prefix, bool runRelay, string urls, Uri authority) =>
    [
        $"--urls={urls}",
        "--environment=Development",
        $"--Authentication:Authority={authority}",
        "--Authentication:RequireHttpsMetadata=false",
        $"--ConnectionStrings:Postgres={postgres}",
        $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
        $"--Messaging:EntityPrefix={prefix}",
        $"--EventStore:RunRelay={runRelay}",
        "--EventStore:RelayBatchSize=50",
        "--Logging:LogLevel:Default=Warning",
    ];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
