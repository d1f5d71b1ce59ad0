using System.Net.Http.Headers;
using CityServices.EventPipeline.TestService;
using CityServices.EventPipeline.TestService.Testing;
using Microsoft.AspNetCore.Builder;

namespace CityServices.Identity.Tests;

/// <summary>Another service, on the shared defaults, trusts identity's tokens through discovery and JWKS alone.</summary>
public sealed class TokenAcceptanceTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private IdentityHost _identity = null!;
    private ServiceHost _permits = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await IdentityHost.StartAsync(infrastructure, "token-acceptance");
        _permits = await ServiceHost.StartAsync(infrastructure, PermitsApp.Create, "token-acceptance-permits",
            new ServiceHostOptions { Authority = _identity.Issuer, Settings = ["--EventStore:RunRelay=false"] });
    }

    public async ValueTask DisposeAsync()
    {
        await _permits.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task An_auditor_token_from_identity_opens_another_services_audit_export()
    {
        var auditorToken = await _identity.ClientTokenAsync(IdentityHost.Auditor);
        var departmentToken = await _identity.ClientTokenAsync(IdentityHost.Registrar);

        Assert.Equal(HttpStatusCode.OK, await GetExportAsync(auditorToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetExportAsync(null));
        Assert.Equal(HttpStatusCode.Forbidden, await GetExportAsync(departmentToken));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused()
    {
        var token = await _identity.ClientTokenAsync(IdentityHost.Auditor);
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";

        Assert.Equal(HttpStatusCode.Unauthorized, await GetExportAsync(forged));
    }

    [Fact]
    public async Task Department_tokens_carry_the_documented_claims()
    {
        var token = new JwtSecurityTokenHandler().ReadJwtToken(await _identity.ClientTokenAsync(IdentityHost.Health));
        var auditor = new JwtSecurityTokenHandler().ReadJwtToken(await _identity.ClientTokenAsync(IdentityHost.Auditor));

        Assert.Equal(_identity.Issuer.AbsoluteUri, token.Issuer);
        Assert.Equal(("health-records-department", "health-records-department", "health-records", "health-records"),
            (token.Subject, Claim(token, "client_id"), Claim(token, "department"), Claim(token, "scope")));
        Assert.Null(auditor.Claims.FirstOrDefault(c => c.Type == "department"));
        Assert.Equal("audit", Claim(auditor, "scope"));
    }

    [Fact]
    public async Task A_client_asking_for_a_scope_it_was_not_given_is_refused()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => _identity.ClientTokenAsync(IdentityHost.Health, "trade"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var wrongSecret = await Assert.ThrowsAsync<HttpRequestException>(() =>
            CitizenCardClient.ClientTokenAsync(_identity.Http, IdentityHost.Health, "not-the-secret", ct: Ct));
        Assert.Contains("invalid_client", wrongSecret.Message, StringComparison.Ordinal);
    }

    private static string Claim(JwtSecurityToken token, string type) => token.Claims.Single(c => c.Type == type).Value;

    private async Task<HttpStatusCode> GetExportAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/permits/audit/events");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _permits.Http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
