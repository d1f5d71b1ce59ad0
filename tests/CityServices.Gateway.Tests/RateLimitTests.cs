using System.Security.Claims;

namespace CityServices.Gateway.Tests;

/// <summary>Per-client and per-IP limits, each test on a gateway of its own so the counts are its own.</summary>
public sealed class RateLimitTests : IssuerAndBackend
{
    [Fact]
    public async Task A_client_past_its_limit_gets_a_429_problem_with_Retry_After_while_other_clients_pass()
    {
        // A minute-long window: the limit cannot refill while the test runs.
        await using var gateway = await StartGatewayAsync(perClient: 3, perIp: 1000);
        var busy = Issuer.CreateDepartmentToken("busy-clinic", "health-records");
        var other = Issuer.CreateDepartmentToken("quiet-clinic", "health-records");
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
        Assert.Equal(4, Backend.Seen.Count(request => request.Path == "/api/health-records/records"));
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
        var refusedWithToken = await gateway.GetAsync("/api/health-records/records", Issuer.CreateDepartmentToken("clinic", "health-records"));

        await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, refusedWithToken);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/health/live")).StatusCode);
        Assert.Equal(2, Backend.Seen.Count(request => request.Path.StartsWith("/api/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task One_citizen_flooding_is_refused_while_another_citizen_signed_in_with_the_same_card_client_is_answered()
    {
        // given two citizens whose tokens both name the one card client, as identity issues them
        await using var gateway = await StartGatewayAsync(perClient: 3, perIp: 1000);
        var flooding = CitizenToken(Guid.NewGuid());
        var other = CitizenToken(Guid.NewGuid());

        // when the first floods past their limit
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await gateway.GetAsync("/api/health-records/records", flooding)).StatusCode);
        }

        // then the first is refused, and the other's answers still come from the service
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], answers);
        for (var i = 0; i < 3; i++)
        {
            await EchoAnswer.ReadAsync(await gateway.GetAsync("/api/health-records/records", other));
        }

        await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, await gateway.GetAsync("/api/health-records/records", other));
        Assert.Equal(6, Backend.Seen.Count(request => request.Path == "/api/health-records/records"));
    }

    [Fact]
    public async Task Every_limited_answer_carries_the_RateLimit_fields_counting_down_to_the_refusal()
    {
        // given a gateway allowing 3 requests a minute per client and 1000 per address
        await using var gateway = await StartGatewayAsync(perClient: 3, perIp: 1000);
        var citizen = CitizenToken(Guid.NewGuid());

        // when a citizen asks four times
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await gateway.GetAsync("/api/health-records/records", citizen));
        }

        // then each answer states both policies, and what is left falls by one each time, to 0 at the refusal
        Assert.All(answers, answer => Assert.Equal(
            "\"per-ip\";q=1000;w=60, \"per-client\";q=3;w=60", Field(answer, "RateLimit-Policy")));
        var current = answers.Select(answer => RateLimitField.Parse(Field(answer, "RateLimit"))).ToList();
        Assert.Equal([999, 998, 997, 996], current.Select(fields => fields["per-ip"].Remaining));
        Assert.Equal([2, 1, 0, 0], current.Select(fields => fields["per-client"].Remaining));
        Assert.All(current, fields => Assert.All(fields.Values, field => Assert.InRange(field.Reset, 1, 60)));
        var refused = answers[^1];
        await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal(TimeSpan.FromSeconds(current[^1]["per-client"].Reset), refused.Headers.RetryAfter?.Delta);

        // and anonymous answers state the address policy only; probes state none
        var anonymous = await gateway.GetAsync("/api/ledger/anchors");
        Assert.Equal("\"per-ip\";q=1000;w=60", Field(anonymous, "RateLimit-Policy"));
        Assert.False((await gateway.GetAsync("/health/live")).Headers.Contains("RateLimit"));
    }

    private string CitizenToken(Guid citizenId) =>
        Issuer.CreateToken("citizen", citizenId.ToString(), [new Claim("client_id", "city-citizen"), new Claim("card_id", Guid.NewGuid().ToString())]);

    private static string Field(HttpResponseMessage response, string name) => string.Join(", ", response.Headers.GetValues(name));

    private Task<GatewayHost> StartGatewayAsync(int perClient, int perIp) =>
        GatewayHost.StartAsync(Issuer, new Dictionary<string, Uri[]>
        {
            ["health-records"] = [Backend.Address],
            ["ledger"] = [Backend.Address],
        },
        $"--Gateway:RateLimits:PerClient:PermitLimit={perClient}",
        "--Gateway:RateLimits:PerClient:Window=00:01:00",
        $"--Gateway:RateLimits:PerIp:PermitLimit={perIp}",
        "--Gateway:RateLimits:PerIp:Window=00:01:00");
}
