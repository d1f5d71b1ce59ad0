using System.Net.Http.Json;
using System.Security.Cryptography;
using CityServices.Contracts.Identity;
using CityServices.HealthRecords;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.HealthRecords.Tests.Support;

/// <summary>
/// The health-records service on a real loopback port with its own database and broker prefix,
/// the token issuer it trusts, and a stand-in for identity that publishes identity's integration
/// events on the same prefix.
/// </summary>
public sealed class HealthRecordsServiceHost : IAsyncDisposable
{
    public const string Schema = "health_records";
    public static readonly string MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly ServiceHost _host;
    private readonly MessageProbe _identity;

    private HealthRecordsServiceHost(ServiceHost host, MessageProbe identity, TestIssuer issuer, ShiftableClock clock)
    {
        _host = host;
        _identity = identity;
        Issuer = issuer;
        Clock = clock;
    }

    /// <summary>The service's clock: a test moves it forward to see a consent run out without waiting.</summary>
    public ShiftableClock Clock { get; }

    public HttpClient Http => _host.Http;

    public TestIssuer Issuer { get; }

    public string Postgres => _host.Postgres;

    public string Prefix => _host.Prefix;

    public IServiceProvider Services => _host.Services;

    public IDocumentStore Store => _host.Get<IDocumentStore>();

    /// <summary>Identity's side of the broker: publishes what the identity service would.</summary>
    public IBus IdentityBus => _identity.Bus;

    public static async Task<HealthRecordsServiceHost> StartAsync(
        CityInfrastructure infrastructure, string name, Uri? ledger = null, string? prefix = null)
    {
        var issuer = await TestIssuer.StartAsync();
        var clock = new ShiftableClock();
        // Ready includes the bus's receive endpoints: identity's events published from now on reach them.
        var host = await ServiceHost.StartAsync(infrastructure, HealthRecordsApp.Create, name, new ServiceHostOptions
        {
            Prefix = prefix,
            Authority = new Uri(issuer.Issuer),
            ConfigureServices = services => services.AddSingleton<TimeProvider>(clock),
            Settings =
            [
                $"--HealthRecords:Encryption:MasterKey={MasterKey}",
                // No ledger unless the test runs one.
                $"--Ledger:BaseUrl={ledger ?? Loopback.NothingListens()}",
            ],
        });
        var identity = await MessageProbe.StartAsync(infrastructure, host.Prefix);
        return new HealthRecordsServiceHost(host, identity, issuer, clock);
    }

    /// <summary>Announces a newly registered citizen, as identity does, and waits until the record is open.</summary>
    public async Task<Guid> RegisterCitizenAsync(CancellationToken ct)
    {
        var citizen = Guid.NewGuid();
        await IdentityBus.Publish(new CitizenRegistered(citizen, "Mari", "Tamm", new DateOnly(1980, 5, 17), "kesklinn", DateTimeOffset.UtcNow), ct);
        await Eventually.UntilAsync(async () => await StreamVersionAsync(citizen, ct), v => v > 0, $"the record of citizen {citizen}");
        return citizen;
    }

    /// <summary>The version of a patient's stream, 0 when it does not exist.</summary>
    public async Task<long> StreamVersionAsync(Guid patient, CancellationToken ct)
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(patient, ct))?.Version ?? 0;
    }

    /// <summary>The stored events of a patient's stream, in order.</summary>
    public async Task<IReadOnlyList<JasperFx.Events.IEvent>> EventsOfAsync(Guid patient, CancellationToken ct)
    {
        await using var session = Store.QuerySession();
        return await session.Events.FetchStreamAsync(patient, token: ct);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body, CancellationToken ct) =>
        _host.SendAsync(method, path, token, body, ct);

    public Task<HttpResponseMessage> GetAsync(string path, string token, CancellationToken ct) => SendAsync(HttpMethod.Get, path, token, null, ct);

    public Task<HttpResponseMessage> PostAsync(string path, string token, object body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, token, body, ct);

    /// <summary>Grants a consent as the patient and returns its id.</summary>
    public async Task<Guid> GrantConsentAsync(Guid patient, string providerKind, string providerId, string access, CancellationToken ct, DateTimeOffset? until = null)
    {
        var response = await PostAsync("/api/health-records/me/consents", Tokens.Patient(this, patient),
            new { provider = new { kind = providerKind, id = providerId }, access, until }, ct);
        await Expect.StatusAsync(System.Net.HttpStatusCode.Created, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    /// <summary>Adds an entry as an emergency (no consent needed) and returns its id.</summary>
    public async Task<Guid> AddEntryAsync(Guid patient, string token, string kind, string code, string content, CancellationToken ct, string? emergencyReason = null)
    {
        var response = await PostAsync($"/api/health-records/patients/{patient}/entries", token,
            new { kind, code, content, emergencyReason }, ct);
        await Expect.StatusAsync(System.Net.HttpStatusCode.Created, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    /// <summary>The audit export as an auditor reads it: one (record, data) pair per line.</summary>
    public async Task<List<(Hashing.LeafRecord Record, string Data)>> ExportAsync(CancellationToken ct)
    {
        var response = await GetAsync("/api/health-records/audit/events", Issuer.CreateDepartmentToken("auditor", "audit"), ct);
        await Expect.StatusAsync(System.Net.HttpStatusCode.OK, response);
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return (Hashing.LeafRecord.Parse(document.RootElement.GetProperty("record")), document.RootElement.GetProperty("data").GetRawText());
        }).ToList();
    }

    /// <summary>The data of every row of one of the service's tables (<c>mt_events</c>, a document table), as PostgreSQL keeps it.</summary>
    public async Task<string> TableTextAsync(string table, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Postgres);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand($"select coalesce(string_agg(data::text, E'\\n'), '') from {Schema}.{table}", connection);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _identity.DisposeAsync();
        await _host.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

/// <summary>Tokens of the people in the tests, as identity would issue them (CityClaims).</summary>
internal static class Tokens
{
    public const string Hospital = "city-hospital";

    public static string Patient(HealthRecordsServiceHost host, Guid citizen, Guid? card = null) =>
        host.Issuer.CreateCitizenToken(citizen, card);

    public static string Staff(HealthRecordsServiceHost host, Guid citizen, string role, string organisation = Hospital, Guid? card = null) =>
        host.Issuer.CreateCitizenToken(citizen, card, "health-records", [role], [organisation], "health-records");

    public static string Doctor(HealthRecordsServiceHost host, Guid citizen, string organisation = Hospital, Guid? card = null) =>
        Staff(host, citizen, "doctor", organisation, card);

    public static string Nurse(HealthRecordsServiceHost host, Guid citizen, string organisation = Hospital) =>
        Staff(host, citizen, "nurse", organisation);
}
