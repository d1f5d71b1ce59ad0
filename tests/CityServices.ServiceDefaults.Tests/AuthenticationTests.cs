using System.Net.Http.Headers;
using CityServices.Testing;

namespace CityServices.ServiceDefaults.Tests;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private TestIssuer? _issuer;

    private TestIssuer Issuer => _issuer!;

    public async ValueTask InitializeAsync() => _issuer = await TestIssuer.StartAsync();

    public async ValueTask DisposeAsync() => await Issuer.DisposeAsync();

    // An http authority is allowed in Development only, which is where these run.
    private Task<TestService> StartServiceAsync(string? audience = null)
    {
        var settings = TestService.BaseSettings();
        settings["Authentication:Authority"] = Issuer.Issuer;
        settings["Authentication:RequireHttpsMetadata"] = "false";
        settings["Authentication:Audience"] = audience;
        return TestService.StartAsync(settings, "Development", map: app =>
        {
            app.MapGet("/records", (HttpContext context) => context.User.Identity?.Name).RequireScope("health-records");
            app.MapGet("/audit", () => "audited").RequireAuthorization(policy => policy.RequireScope("audit"));
        });
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_a_401_problem_that_keeps_its_challenge()
    {
        await using var service = await StartServiceAsync();

        var response = await service.Client.GetAsync("/records", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        await Expect.ProblemAsync(HttpStatusCode.Unauthorized, response);
    }

    [Fact]
    public async Task A_token_without_the_scope_is_a_403_problem()
    {
        await using var service = await StartServiceAsync();

        var response = await SendAsync(service, "/records", Issuer.CreateToken("trade audit"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Expect.ProblemAsync(HttpStatusCode.Forbidden, response);
    }

    [Theory]
    [InlineData("/records", "health-records", "scope")]
    [InlineData("/records", "audit health-records", "scope")]
    [InlineData("/records", "health-records", "scp")]
    [InlineData("/audit", "audit", "scope")]
    public async Task A_token_with_the_scope_is_let_through(string path, string scope, string claim)
    {
        await using var service = await StartServiceAsync();

        var response = await SendAsync(service, path, Issuer.CreateToken(scope, scopeClaim: claim));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_caller_is_named_by_the_sub_claim()
    {
        await using var service = await StartServiceAsync();

        var response = await SendAsync(service, "/records", Issuer.CreateToken("health-records"));

        Assert.Equal("health-department", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_a_401_problem()
    {
        await using var service = await StartServiceAsync();

        var response = await SendAsync(service, "/records", Issuer.CreateToken("health-records", signedByAnotherKey: true));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
        await Expect.ProblemAsync(HttpStatusCode.Unauthorized, response);
    }

    [Theory]
    [InlineData(-60, HttpStatusCode.Unauthorized)]
    [InlineData(-31, HttpStatusCode.Unauthorized)]
    [InlineData(-10, HttpStatusCode.OK)]
    [InlineData(60, HttpStatusCode.OK)]
    public async Task A_token_is_accepted_until_30_seconds_after_it_expired(int expiresInSeconds, HttpStatusCode expected)
    {
        await using var service = await StartServiceAsync();
        var lifetime = TimeSpan.FromMinutes(5);
        var token = Issuer.CreateToken("health-records", "health-department", [],
            lifetime, issuedAt: DateTime.UtcNow.AddSeconds(expiresInSeconds) - lifetime);

        var response = await SendAsync(service, "/records", token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("health-records-api", HttpStatusCode.OK)]
    [InlineData("trade-api", HttpStatusCode.Unauthorized)]
    public async Task A_configured_audience_must_be_named_by_the_token(string tokenAudience, HttpStatusCode expected)
    {
        await using var service = await StartServiceAsync(audience: "health-records-api");

        var response = await SendAsync(service, "/records", Issuer.CreateToken("health-records", audience: tokenAudience));

        Assert.Equal(expected, response.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(TestService service, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return service.Client.SendAsync(request, Ct);
    }
}
