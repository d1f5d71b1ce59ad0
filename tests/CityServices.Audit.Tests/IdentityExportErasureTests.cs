using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CityServices.Identity;
using CityServices.Ledger;

namespace CityServices.Audit.Tests;

/// <summary>
/// Issue 12 item 6's acceptance: identity's audit export, with the real identity and the real
/// anchoring ledger in-process on one broker prefix, verifies with city-audit before and after a
/// citizen's erasure (its leaves hash the ciphertext the ledger got, which the erasure leaves in place).
/// </summary>
public sealed class IdentityExportErasureTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Registrar = "identity-department";
    private const string RegistrarSecret = "test-identity-department-secret";
    private const string Auditor = "auditor";
    private const string AuditorSecret = "test-auditor-secret-0123456789";

    private readonly string _prefix = CityInfrastructure.NewPrefix("audit-identity-erasure");
    private ServiceHost _ledger = null!;
    private ServiceHost _identity = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await LedgerHost.StartAnchoringAsync(infrastructure, LedgerApp.Create, "audit_identity_ledger", _prefix, TimeSpan.FromSeconds(1));
        var issuer = new Uri($"http://127.0.0.1:{Loopback.FreePort()}/");
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _identity = await ServiceHost.StartAsync(infrastructure, IdentityApp.Create, "audit_identity", new ServiceHostOptions
        {
            Prefix = _prefix,
            Url = issuer,
            Settings =
            [
                $"--Identity:Tokens:Issuer={issuer}",
                $"--Identity:Tokens:SigningKey={Convert.ToBase64String(signingKey.ExportPkcs8PrivateKey())}",
                $"--Identity:PersonalData:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                $"--Identity:PersonalData:NationalIdKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                $"--Identity:Clients:{Registrar}:Secret={RegistrarSecret}",
                $"--Identity:Clients:{Registrar}:Scopes:0=identity",
                $"--Identity:Clients:{Registrar}:Department=identity",
                $"--Identity:Clients:{Auditor}:Secret={AuditorSecret}",
                $"--Identity:Clients:{Auditor}:Scopes:0=audit",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _identity.DisposeAsync();
        await _ledger.DisposeAsync();
    }

    [Fact]
    public async Task Identity_s_export_verifies_before_and_after_an_erasure()
    {
        // given a deceased citizen's registry history, anchored
        using var registrar = _identity.WithToken(await CitizenCardClient.ClientTokenAsync(_identity.Http, Registrar, RegistrarSecret, "identity", Ct));
        using var registered = await registrar.PostAsJsonAsync("/api/identity/citizens",
            new { nationalId = $"E{RandomNumberGenerator.GetInt32(100_000_000, 999_999_999)}", givenName = "Mari", familyName = "Tamm", birthDate = "1950-02-03", district = "kesklinn" }, Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var citizenId = (await registered.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        using var death = await registrar.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/death", new { diedOn = "2026-01-02" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, death.StatusCode);

        // when verified, then it verifies
        var before = await VerifiedAsync(2);

        // and after the erasure the same export lines, and the erasure's, still verify
        using var erasure = await registrar.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/erasure", new { legalBasis = "Civil Registry Act §12" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, erasure.StatusCode);
        var after = await VerifiedAsync(3);
        Assert.Equal(before, after.Take(before.Count));
    }

    /// <summary>Waits for an anchor covering the export's <paramref name="lines"/>, then runs verify-export over it; returns the lines verified.</summary>
    private async Task<List<string>> VerifiedAsync(int lines)
    {
        using var auditor = _identity.WithToken(await CitizenCardClient.ClientTokenAsync(_identity.Http, Auditor, AuditorSecret, "audit", Ct));
        var export = await Eventually.UntilAsync(async () => await auditor.GetStringAsync("/api/identity/audit/events", Ct),
            body => body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == lines, $"{lines} exported events");
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, export, Ct);
        try
        {
            // Only identity logs on this prefix: the ledger's tree holds exactly identity's leaves.
            await Eventually.UntilAsync(LatestAnchoredSizeAsync, size => size >= lines, $"an anchor covering {lines} events");
            var run = await Cli.RunAsync("verify-export", "--ledger", _ledger.Http.BaseAddress!.ToString(), "--export", file,
                "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", await LedgerHost.RegistryPinAsync(_ledger.Postgres), "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(lines, run.Json().GetProperty("eventsProven").GetInt64());
            Assert.Empty(run.Json().GetProperty("pendingEventIds").EnumerateArray());
            Assert.Empty(run.Json().GetProperty("findings").EnumerateArray());
            return [.. export.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<long> LatestAnchoredSizeAsync()
    {
        using var checkpoint = await _ledger.Http.GetAsync("/api/ledger/checkpoints/latest", Ct);
        if (!checkpoint.IsSuccessStatusCode)
        {
            return 0;
        }

        var json = await checkpoint.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return json.TryGetProperty("anchor", out var anchor) && anchor.ValueKind == JsonValueKind.Object ? json.GetProperty("treeSize").GetInt64() : 0;
    }
}
