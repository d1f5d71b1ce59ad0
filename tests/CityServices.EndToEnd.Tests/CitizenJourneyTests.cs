using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CityServices.Audit;
using CityServices.EndToEnd.Tests.Support;
using CityServices.Testing;

namespace CityServices.EndToEnd.Tests;

/// <summary>
/// A citizen's journey through the gateway only: the civil registry registers a citizen
/// and issues a card; she signs in with it; her health record opens from identity's event; she lets
/// a doctor in; the doctor writes and reads; she sees the read in her access log; the ledger anchors
/// it; and an auditor verifies her receipt and both departments' exports against the chain.
/// Her personal data (national id, names, birth date, the record's contents, an emergency reason)
/// is then searched for in every process's log, and found in none.
/// </summary>
public sealed class CitizenJourneyTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private Platform _platform = null!;

    public async ValueTask InitializeAsync() => _platform = await Platform.StartAsync(infrastructure, "journey");

    public ValueTask DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task A_citizen_s_record_read_by_her_doctor_is_anchored_and_verifiable_by_anyone()
    {
        var gateway = _platform.Gateway;
        var credentials = _platform.Credentials;
        var mariData = PersonalMarkers.New();

        // the civil registry registers Mari and issues her a card
        var registry = await CitizenCardClient.ClientTokenAsync(gateway, "identity-department", credentials.SecretOf("identity-department"), "identity", Ct);
        var registered = await SendAsync(HttpMethod.Post, "/api/identity/citizens", registry, new
        {
            nationalId = mariData.NationalId,
            givenName = mariData.GivenName,
            familyName = mariData.FamilyName,
            birthDate = mariData.BirthDate,
            district = "kesklinn",
        });
        var citizenId = (await ReadJsonAsync(registered, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var cardKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await SendAsync(HttpMethod.Post, $"/api/identity/citizens/{citizenId}/cards", registry,
            new { publicKey = cardKey.ExportSubjectPublicKeyInfoPem() });
        var cardId = (await ReadJsonAsync(issued, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // she signs in with the card and reads her own registry record
        var cards = new CitizenCardClient(gateway);
        var mari = await cards.SignInAsync(cardId, cardKey, "citizen", Ct);
        var me = await ReadJsonAsync(await SendAsync(HttpMethod.Get, "/api/identity/me", mari), HttpStatusCode.OK);
        Assert.Equal(citizenId, me.GetProperty("id").GetGuid());

        // health-records opened her record from identity's CitizenRegistered, over RabbitMQ
        await Eventually.UntilAsync(async () => (await SendAsync(HttpMethod.Get, "/api/health-records/me/record", mari)).StatusCode,
            status => status == HttpStatusCode.OK, "her health record to open", Patience);

        // she lets the dev doctor write to her record; the doctor signs in for the health department
        var (doctorId, doctorCardId, doctorKey) = credentials.Doctor();
        using (doctorKey)
        {
            var consent = await SendAsync(HttpMethod.Post, "/api/health-records/me/consents", mari,
                new { provider = new { kind = "staff", id = doctorId.ToString() }, access = "write" });
            Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
            var doctor = await cards.SignInAsync(doctorCardId, doctorKey, "citizen health-records", Ct);

            var entry = await SendAsync(HttpMethod.Post, $"/api/health-records/patients/{citizenId}/entries", doctor,
                new { kind = "diagnosis", code = "J06.9", content = mariData.Diagnosis });
            Assert.Equal(HttpStatusCode.Created, entry.StatusCode);
            var record = await ReadJsonAsync(
                await SendAsync(HttpMethod.Get, $"/api/health-records/patients/{citizenId}/record?purpose=consent", doctor), HttpStatusCode.OK);
            Assert.Equal(mariData.Diagnosis, record.GetProperty("entries")[0].GetProperty("content").GetString());

            // an emergency read states its reason, as a doctor at her bedside would
            var emergency = await SendAsync(HttpMethod.Get,
                $"/api/health-records/patients/{citizenId}/record?purpose=emergency&reason={Uri.EscapeDataString(mariData.EmergencyReason)}", doctor);
            Assert.Equal(HttpStatusCode.OK, emergency.StatusCode);
        }

        // her access log names the doctor's read, made with the doctor's card
        var log = await ReadJsonAsync(await SendAsync(HttpMethod.Get, "/api/health-records/me/access-log", mari), HttpStatusCode.OK);
        var doctorsRead = log.EnumerateArray().Single(a => a.GetProperty("readerCitizenId").GetGuid() == doctorId && a.GetProperty("purpose").GetString() == "consent");
        Assert.Equal(doctorCardId, doctorsRead.GetProperty("readerCardId").GetGuid());
        Assert.Equal("consent", doctorsRead.GetProperty("purpose").GetString());

        // once anchored, her receipt of that read verifies with the chain alone
        var receiptPath = $"/api/health-records/me/access-log/{doctorsRead.GetProperty("eventId").GetGuid()}/receipt";
        var receipt = await Eventually.UntilAsync(async () => await SendAsync(HttpMethod.Get, receiptPath, mari),
            response => response.StatusCode == HttpStatusCode.OK, "the anchor covering the doctor's read", Patience);
        var receiptFile = TempFile(await receipt.Content.ReadAsStringAsync(Ct));
        var pin = await LedgerHost.RegistryPinAsync(_platform.Databases["ledger"]);
        var verified = await AuditAsync("verify-event", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", pin, "--event", receiptFile);
        Assert.True(verified.ExitCode == 0, verified.ToString());

        // and an auditor accounts for every event of both departments against the latest anchor
        var auditor = await CitizenCardClient.ClientTokenAsync(gateway, "auditor", credentials.SecretOf("auditor"), "audit", Ct);
        var stored = (await ExportLineCountAsync("identity", auditor)) + (await ExportLineCountAsync("health-records", auditor));
        await Eventually.UntilAsync(LatestAnchoredSizeAsync, size => size >= stored, $"an anchor covering all {stored} events", Patience);
        foreach (var service in new[] { "identity", "health-records" })
        {
            var run = await AuditAsync("verify-export",
                "--ledger", gateway.BaseAddress!.ToString(),
                "--export", new Uri(gateway.BaseAddress!, $"/api/{service}/audit/events").ToString(),
                "--client-id", "auditor", "--client-secret", credentials.SecretOf("auditor"),
                "--token-url", new Uri(gateway.BaseAddress!, "/connect/token").ToString(),
                "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", pin);
            Assert.True(run.ExitCode == 0, $"{service}: {run}");
        }

        // and no process logged any of her personal data
        foreach (var process in _platform.Processes)
        {
            var leaked = mariData.All.Where(marker => process.Log.Contains(marker, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaked.Count == 0, $"{process.Name} logged {string.Join(", ", leaked)}:\n{process.Tail()}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _platform.Gateway.SendAsync(request, Ct);
    }

    private async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}\n{_platform.Logs()}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<int> ExportLineCountAsync(string service, string auditorToken)
    {
        var response = await SendAsync(HttpMethod.Get, $"/api/{service}/audit/events", auditorToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private async Task<long> LatestAnchoredSizeAsync()
    {
        var checkpoint = await _platform.Gateway.GetAsync("/api/ledger/checkpoints/latest", Ct);
        if (!checkpoint.IsSuccessStatusCode)
        {
            return 0;
        }

        var json = JsonDocument.Parse(await checkpoint.Content.ReadAsStringAsync(Ct)).RootElement;
        return json.TryGetProperty("anchor", out var anchor) && anchor.ValueKind == JsonValueKind.Object
            ? json.GetProperty("treeSize").GetInt64()
            : 0;
    }

    private static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"city-e2e-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>city-audit, in-process, as an auditor's shell would run it.</summary>
    internal static async Task<AuditRun> AuditAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AuditCli.RunAsync([.. args, "--json"], output, error, Ct);
        return new AuditRun(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>
/// A person's data unique to one run, so a plain search of a log finds any trace of it. The
/// emergency reason and diagnosis travel URL-encoded in some requests: both spellings are searched.
/// </summary>
internal sealed record PersonalMarkers(string NationalId, string GivenName, string FamilyName, string BirthDate, string Diagnosis, string EmergencyReason)
{
    public static PersonalMarkers New()
    {
        var suffix = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz", 8);
        return new($"EE{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}", $"Mari{suffix}", $"Tamm{suffix}", "1961-07-29",
            $"Acute upper respiratory infection {suffix}.", $"unconscious after a fall {suffix}");
    }

    public IEnumerable<string> All =>
        new[] { NationalId, GivenName, FamilyName, BirthDate, Diagnosis, EmergencyReason }
            .SelectMany(marker => new[] { marker, Uri.EscapeDataString(marker), marker.Replace(' ', '+') })
            .Distinct(StringComparer.Ordinal);
}

internal sealed record AuditRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
