namespace CityServices.Gateway.Tests;

/// <summary>Per-client and per-IP limits, each test on a gateway of its own so the counts are its own.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private EchoBackend _backend = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _backend = await EchoBackend.StartAsync("backend");
    }

    [Fact]
    public async Task A_client_past_its_limit_gets_a_429_problem_with_Retry_After_while_other_clients_pass()
    {
        // A minute-long window: the limit cannot refill while the test runs.
        await using var gateway = await StartGatewayAsync(perClient: 3, perIp: 1000);
        var busy = _issuer.CreateDepartmentToken("busy-clinic", "health-records");
        var other = _issuer.CreateDepartmentToken("quiet-clinic", "health-records");
        for (var i = 0; i < 3; i++)
        {
            await EchoAnswer.ReadAsync(await gateway.GetAsync("/api/health-records/records", busy));
        }

        var refused = await gateway.GetAsync("/api/health-records/records", busy);

        var problem = await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.Contains("retry after", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        await EchoAnswer.ReadAsync(await gateway.GetAsync("/api/health-records/records", other));
        Assert.Equal(4, _backend.Seen.Count(request => request.Path == "/api/health-records/records"));
    }

    [Fact]
    public async Task An_address_past_its_limit_gets_429_for_public_and_refused_requests_alike_but_probes_pass()
    {
        await using var gateway = await StartGatewayAsync(perClient: 1000, perIp: 3);
        await EchoAnswer.ReadAsync(await gateway.GetAsync("/api/ledger/anchors"));
        await EchoAnswer.ReadAsync(await gateway.GetAsync("/api/ledger/anchors"));
        // Refused by authorization, yet counted: the limit runs before it, so bad tokens cannot hammer for free.
        await Expect.ProblemAsync(HttpStatusCode.Unauthorized, await gateway.GetAsync("/api/health-records/records"));

        var refused = await gateway.GetAsync("/api/ledger/anchors");
        var refusedWithToken = await gateway.GetAsync("/api/health-records/records", _issuer.CreateDepartmentToken("clinic", "health-records"));

        await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, refusedWithToken);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/health/live")).StatusCode);
        Assert.Equal(2, _backend.Seen.Count(request => request.Path.StartsWith("/api/", StringComparison.Ordinal)));
    }

    private Task<GatewayHost> StartGatewayAsync(int perClient, int perIp) =>
        GatewayHost.StartAsync(_issuer, new Dictionary<string, Uri[]>
        {
            ["health-records"] = [_backend.Address],
            ["ledger"] = [_backend.Address],
        },
        $"--Gateway:RateLimits:PerClient:PermitLimit={perClient}",
        "--Gateway:RateLimits:PerClient:Window=00:01:00",
        $"--Gateway:RateLimits:PerIp:PermitLimit={perIp}",
        "--Gateway:RateLimits:PerIp:Window=00:01:00");

    public async ValueTask DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
