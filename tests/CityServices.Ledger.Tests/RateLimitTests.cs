namespace CityServices.Ledger.Tests;

public sealed class RateLimitTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task A_client_past_the_limit_gets_a_429_problem_with_retry_after()
    {
        await using var ledger = await StartAsync("ledger_rate");

        // given a client that used up its three requests of the minute
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ledger.Http.GetAsync("/api/ledger/anchors", Ct)).StatusCode);
        }

        // when it asks once more
        var response = await ledger.Http.GetAsync("/api/ledger/checkpoints/latest", Ct);

        // then it is told to wait, as a problem, and health probes are not limited
        await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, response);
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await ledger.Http.GetAsync("/health/ready", Ct)).StatusCode);
        Assert.False((await ledger.Http.GetAsync("/health/ready", Ct)).Headers.Contains("RateLimit"));
    }

    [Theory]
    [InlineData("/api/ledger/leaves")]
    [InlineData("/api/ledger/services/permits/leaves")]
    [InlineData("/api/ledger/proofs?treeSize=1")]
    public async Task The_leaf_listings_and_batch_proofs_are_rate_limited_too(string route)
    {
        await using var ledger = await StartAsync("ledger_rate_leaves");
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ledger.Http.GetAsync(route, Ct)).StatusCode);
        }

        var response = await ledger.Http.GetAsync(route, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task Answers_state_the_policy_and_what_is_left_and_the_refusal_waits_as_long_as_the_window_says()
    {
        await using var ledger = await StartAsync("ledger_rate_fields");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await ledger.Http.GetAsync("/api/ledger/anchors", Ct));
        }

        Assert.All(answers, answer => Assert.Equal("\"ledger-client-ip\";q=3;w=60", string.Join(", ", answer.Headers.GetValues("RateLimit-Policy"))));
        var current = answers.Select(answer => Current(answer)).ToList();
        Assert.Equal([2, 1, 0, 0], current.Select(field => field.Remaining));
        Assert.All(current, field => Assert.InRange(field.Reset, 1, 60));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(current[^1].Reset), answers[^1].Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_forwarded_address_from_a_proxy_not_configured_is_ignored_and_the_peer_is_limited()
    {
        // given a ledger that lists no proxy, called from loopback as the gateway of ./city would
        await using var ledger = await StartAsync("ledger_rate_unlisted");

        // when four requests name four different clients in X-Forwarded-For
        var answers = new List<HttpStatusCode>();
        foreach (var client in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4" })
        {
            answers.Add(await GetForAsync(ledger, client));
        }

        // then they all spent the peer's budget
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task A_forwarded_address_from_a_configured_proxy_is_the_client_the_limit_counts()
    {
        // given a ledger that lists the loopback gateway as its proxy
        await using var ledger = await StartAsync("ledger_rate_listed", "--ForwardedHeaders:KnownProxies:0=127.0.0.1");

        // when one client spends its budget through the proxy
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await GetForAsync(ledger, "203.0.113.1"));
        }

        // then that client is refused, while another client behind the same proxy is answered
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetForAsync(ledger, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetForAsync(ledger, "203.0.113.2"));
    }

    private async Task<ServiceHost> StartAsync(string database, params string[] settings) =>
        await TestLedger.StartAsync(
            infrastructure, await infrastructure.CreateDatabaseAsync(database), CityInfrastructure.NewPrefix("ledger-rate"),
            ["--Ledger:RateLimit:PermitLimit=3", "--Ledger:RateLimit:Window=00:01:00", .. settings]);

    private static async Task<HttpStatusCode> GetForAsync(ServiceHost ledger, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ledger/anchors");
        request.Headers.Add("X-Forwarded-For", client);
        return (await ledger.Http.SendAsync(request, Ct)).StatusCode;
    }

    private static (long Remaining, long Reset) Current(HttpResponseMessage answer)
    {
        var match = System.Text.RegularExpressions.Regex.Match(
            string.Join(", ", answer.Headers.GetValues("RateLimit")), "^\"ledger-client-ip\";r=([0-9]+);t=([0-9]+)$");
        Assert.True(match.Success, "RateLimit: \"ledger-client-ip\";r=<int>;t=<int>");
        return (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
