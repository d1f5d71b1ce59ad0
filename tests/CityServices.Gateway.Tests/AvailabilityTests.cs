namespace CityServices.Gateway.Tests;

/// <summary>A service that is down answers 503 at once; replicas share the load and cover for each other.</summary>
public sealed class AvailabilityTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private EchoBackend _ledgerA = null!;
    private EchoBackend _ledgerB = null!;
    private EchoBackend _healthRecords = null!;
    private EchoBackend _voting = null!;
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _ledgerA = await EchoBackend.StartAsync("ledger-a");
        _ledgerB = await EchoBackend.StartAsync("ledger-b");
        _healthRecords = await EchoBackend.StartAsync("health-records");
        _voting = await EchoBackend.StartAsync("voting");
        _gateway = await GatewayHost.StartAsync(_issuer, new Dictionary<string, Uri[]>
            {
                ["ledger"] = [_ledgerA.Address, _ledgerB.Address],
                ["health-records"] = [_healthRecords.Address],
                ["voting"] = [_voting.Address],
            },
            "--ReverseProxy:Clusters:voting:HttpRequest:ActivityTimeout=00:00:01",
            // The longest connect timeout there is: a refused connection must be answered at once, not waited out.
            "--Gateway:ConnectTimeout=00:01:00",
            "--Gateway:RateLimits:PerIp:PermitLimit=100000");
    }

    [Fact]
    public async Task A_service_where_nothing_listens_is_a_503_problem_at_once()
    {
        var token = _issuer.CreateToken("trade voting");
        // The gateway fetches the issuer's keys on the first token it sees: not what is timed here.
        await EchoAnswer.ReadAsync(await _gateway.GetAsync("/api/voting/polls", token));

        // Given up on long before the connect timeout: only an answer to the refusal itself arrives in time.
        using var beforeTheConnectTimeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        beforeTheConnectTimeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/trade/shipments") { Headers = { Authorization = new("Bearer", token) } };
        var response = await _gateway.Http.SendAsync(request, beforeTheConnectTimeout.Token);

        var problem = await Expect.ProblemAsync(HttpStatusCode.ServiceUnavailable, response);
        Assert.Contains("trade", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_service_is_a_503_problem_and_is_served_again_once_it_is_back()
    {
        var token = _issuer.CreateToken("health-records");
        await EchoAnswer.ReadAsync(await _gateway.GetAsync("/api/health-records/records", token));

        await _healthRecords.StopAsync();
        var whileDown = await _gateway.GetAsync("/api/health-records/records", token);
        await _healthRecords.RestartAsync();

        await Expect.ProblemAsync(HttpStatusCode.ServiceUnavailable, whileDown);
        var recovered = await Eventually.UntilAsync(
            async () => (await _gateway.GetAsync("/api/health-records/records", token)).StatusCode,
            status => status == HttpStatusCode.OK,
            "the gateway to forward to the restarted service again",
            TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, recovered);
    }

    [Fact]
    public async Task Two_replicas_share_the_traffic_and_with_one_stopped_the_other_answers_everything()
    {
        var answeredBy = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answeredBy.Add((await EchoAnswer.ReadAsync(await _gateway.GetAsync("/api/ledger/anchors"))).Backend);
        }

        Assert.Contains("ledger-a", answeredBy);
        Assert.Contains("ledger-b", answeredBy);

        await _ledgerB.StopAsync();

        // Health checks take B out within about a second; from then on every request is answered by A.
        await Eventually.UntilAsync(TwentyInARowAsync, allAnswered => allAnswered, "twenty answers in a row from the remaining replica", TimeSpan.FromSeconds(20));
        answeredBy.Clear();
        for (var i = 0; i < 20; i++)
        {
            answeredBy.Add((await EchoAnswer.ReadAsync(await _gateway.GetAsync("/api/ledger/anchors"))).Backend);
        }

        Assert.All(answeredBy, backend => Assert.Equal("ledger-a", backend));
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_is_a_504_problem()
    {
        // The backend would answer 200 after 30 s; the cluster's activity timeout (1 s) answers first.
        var response = await _gateway.GetAsync($"/api/voting/polls{EchoBackend.SlowSuffix}", _issuer.CreateToken("voting"));

        Assert.Equal(HttpStatusCode.OK, (await _gateway.GetAsync("/api/voting/polls", _issuer.CreateToken("voting"))).StatusCode);
        await Expect.ProblemAsync(HttpStatusCode.GatewayTimeout, response);
    }

    private async Task<bool> TwentyInARowAsync()
    {
        for (var i = 0; i < 20; i++)
        {
            if ((await _gateway.GetAsync("/api/ledger/anchors")).StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _ledgerA.DisposeAsync();
        await _ledgerB.DisposeAsync();
        await _healthRecords.DisposeAsync();
        await _voting.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
