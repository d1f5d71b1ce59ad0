namespace CityServices.Gateway.Tests;

/// <summary>Tokens are checked at the edge: valid, and holding a scope the service can ever use.</summary>
public sealed class EdgeAuthorizationTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private EchoBackend _healthRecords = null!;
    private EchoBackend _identity = null!;
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _healthRecords = await EchoBackend.StartAsync("health-records");
        _identity = await EchoBackend.StartAsync("identity");
        _gateway = await GatewayHost.StartAsync(_issuer, new Dictionary<string, Uri[]>
        {
            ["health-records"] = [_healthRecords.Address],
            ["identity"] = [_identity.Address],
        });
    }

    [Fact]
    public async Task A_protected_route_without_a_token_is_a_401_problem_and_never_reaches_the_service()
    {
        var response = await _gateway.GetAsync("/api/health-records/patients/42");

        await Expect.ProblemAsync(HttpStatusCode.Unauthorized, response);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(_healthRecords.Seen);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_a_401_problem()
    {
        var forged = _issuer.CreateToken("health-records", signedByAnotherKey: true);

        var response = await _gateway.GetAsync("/api/health-records/patients/42", forged);

        await Expect.ProblemAsync(HttpStatusCode.Unauthorized, response);
        Assert.Empty(_healthRecords.Seen);
    }

    [Fact]
    public async Task A_token_without_any_scope_of_the_service_is_a_403_problem()
    {
        var tradeDepartment = _issuer.CreateDepartmentToken("trade-office", "trade", department: "trade");

        var response = await _gateway.GetAsync("/api/health-records/patients/42", tradeDepartment);

        await Expect.ProblemAsync(HttpStatusCode.Forbidden, response);
        Assert.Empty(_healthRecords.Seen);
    }

    [Theory]
    [InlineData("health-records")]
    [InlineData("citizen")]
    [InlineData("audit")]
    public async Task A_token_with_a_scope_of_the_service_reaches_it_with_the_token_for_its_own_checks(string scope)
    {
        var token = _issuer.CreateToken(scope, subject: $"caller-{scope}", claims: []);

        var answer = await EchoAnswer.ReadAsync(await _gateway.GetAsync("/api/health-records/patients/42", token));

        Assert.Equal(new EchoAnswer("health-records", "/api/health-records/patients/42", 0), answer);
        var seen = Assert.Single(_healthRecords.Seen, request => request.Authorization == $"Bearer {token}");
        Assert.Equal("GET", seen.Method);
    }

    [Fact]
    public async Task Staff_signed_in_with_a_department_scope_reach_the_identity_service()
    {
        var staff = _issuer.CreateCitizenToken(Guid.NewGuid(), department: "health-records", roles: ["registrar"], extraScopes: "health-records");

        var answer = await EchoAnswer.ReadAsync(await _gateway.GetAsync("/api/identity/staff/me", staff));

        Assert.Equal("identity", answer.Backend);
    }

    [Theory]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/.well-known/jwks")]
    public async Task The_discovery_documents_pass_without_a_token(string path)
    {
        var answer = await EchoAnswer.ReadAsync(await _gateway.GetAsync(path));

        Assert.Equal(new EchoAnswer("identity", path, 0), answer);
    }

    [Fact]
    public async Task The_token_endpoint_passes_without_a_token()
    {
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", "health-department")]);

        var answer = await EchoAnswer.ReadAsync(await _gateway.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = form }));

        Assert.Equal("identity", answer.Backend);
        Assert.Contains(_identity.Seen, request => request is { Method: "POST", Path: "/connect/token" } && request.BodyLength > 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _healthRecords.DisposeAsync();
        await _identity.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
