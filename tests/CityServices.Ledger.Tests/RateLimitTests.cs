namespace CityServices.Ledger.Tests;

public sealed class RateLimitTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private ServiceHost _ledger = null!;

    public async ValueTask InitializeAsync() =>
        _ledger = await TestLedger.StartAsync(
            infrastructure, await infrastructure.CreateDatabaseAsync("ledger_rate"), CityInfrastructure.NewPrefix("ledger-rate"),
            "--Ledger:RateLimit:PermitLimit=3", "--Ledger:RateLimit:Window=00:01:00");

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    [Fact]
    public async Task A_client_past_the_limit_gets_a_429_problem_with_retry_after()
    {
        // given a client that used up its three requests of the minute
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await _ledger.Http.GetAsync("/api/ledger/anchors", Ct)).StatusCode);
        }

        // when it asks once more
        var response = await _ledger.Http.GetAsync("/api/ledger/checkpoints/latest", Ct);

        // then it is told to wait, as a problem, and health probes are not limited
        await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, response);
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await _ledger.Http.GetAsync("/health/ready", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("/api/ledger/leaves")]
    [InlineData("/api/ledger/services/permits/leaves")]
    public async Task The_leaf_listings_are_rate_limited_too(string route)
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _ledger.Http.GetAsync(route, Ct)).StatusCode);
        }

        var response = await _ledger.Http.GetAsync(route, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }
}
