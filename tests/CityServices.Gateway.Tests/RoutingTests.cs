using System.Diagnostics;

namespace CityServices.Gateway.Tests;

/// <summary>What the gateway adds to a forwarded request and its answer: 404s, one trace, forwarded headers, no CORS.</summary>
public sealed class RoutingTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private EchoBackend _ledger = null!;
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _ledger = await EchoBackend.StartAsync("ledger");
        _gateway = await GatewayHost.StartAsync(_issuer, new Dictionary<string, Uri[]> { ["ledger"] = [_ledger.Address] });
    }

    [Theory]
    [InlineData("/api/parking/permits")]
    [InlineData("/nothing-here")]
    [InlineData("/api")]
    // Identity's revocation list is for the release's own processes only (docs/identity.md).
    [InlineData("/internal/revocations")]
    public async Task An_unknown_route_is_a_404_problem(string path)
    {
        var response = await _gateway.GetAsync(path, _issuer.CreateToken("health-records"));

        var problem = await Expect.ProblemAsync(HttpStatusCode.NotFound, response);
        Assert.Equal(path, problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_write_to_the_read_only_public_ledger_api_is_a_405_problem()
    {
        using var body = new StringContent("{}");

        var response = await _gateway.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/ledger/anchors") { Content = body });

        await Expect.ProblemAsync(HttpStatusCode.MethodNotAllowed, response);
        Assert.DoesNotContain(_ledger.Seen, request => request.Method == "POST");
    }

    [Fact]
    public async Task The_service_sees_the_trace_the_gateway_returns_to_the_client()
    {
        var response = await _gateway.GetAsync("/api/ledger/checkpoints/latest");

        var answer = await EchoAnswer.ReadAsync(response);
        var returned = TraceIdOf(response.Headers.GetValues("traceresponse").Single());
        var seen = Assert.Single(_ledger.Seen, request => request.Path == answer.Path);
        Assert.Equal(returned, TraceIdOf(seen.TraceParent));
    }

    [Fact]
    public async Task A_client_that_sends_a_traceparent_gets_its_trace_continued_to_the_service()
    {
        var clientTrace = ActivityTraceId.CreateRandom().ToHexString();
        var path = $"/api/ledger/events/{Guid.NewGuid()}/proof";

        var response = await _gateway.GetAsync(path, configure: request =>
            request.Headers.Add("traceparent", $"00-{clientTrace}-{ActivitySpanId.CreateRandom().ToHexString()}-01"));

        await EchoAnswer.ReadAsync(response);
        Assert.Equal(clientTrace, TraceIdOf(response.Headers.GetValues("traceresponse").Single()));
        Assert.Equal(clientTrace, TraceIdOf(Assert.Single(_ledger.Seen, request => request.Path == path).TraceParent));
    }

    [Fact]
    public async Task An_error_names_the_same_trace_in_its_body_and_header()
    {
        var response = await _gateway.GetAsync("/nothing-here");

        var problem = await Expect.ProblemAsync(HttpStatusCode.NotFound, response);
        Assert.Equal(problem.GetProperty("traceId").GetString(), TraceIdOf(response.Headers.GetValues("traceresponse").Single()));
    }

    [Fact]
    public async Task The_service_is_told_the_callers_address_protocol_and_host_and_never_a_forged_one()
    {
        var path = $"/api/ledger/events/{Guid.NewGuid()}/proof";

        await EchoAnswer.ReadAsync(await _gateway.GetAsync(path, configure: request =>
        {
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            request.Headers.Add("X-Forwarded-Host", "evil.example");
        }));

        var seen = Assert.Single(_ledger.Seen, request => request.Path == path);
        Assert.Equal("127.0.0.1", seen.ForwardedFor);
        Assert.Equal("http", seen.ForwardedProto);
        Assert.Equal(_gateway.Address.Authority, seen.ForwardedHost);
    }

    [Fact]
    public async Task Cors_is_closed_by_default_even_where_a_service_grants_it()
    {
        var actual = await _gateway.GetAsync("/api/ledger/anchors", configure: request => request.Headers.Add("Origin", "https://elsewhere.example"));
        var preflight = await _gateway.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/ledger/anchors"), configure: request =>
        {
            request.Headers.Add("Origin", "https://elsewhere.example");
            request.Headers.Add("Access-Control-Request-Method", "GET");
        });

        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.False(actual.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Configured_origins_get_cors_and_others_do_not()
    {
        await using var gateway = await GatewayHost.StartAsync(_issuer, new Dictionary<string, Uri[]> { ["ledger"] = [_ledger.Address] },
            "--Gateway:Cors:AllowedOrigins:0=https://portal.city.example");

        var preflight = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/health-records/records"), configure: request =>
        {
            request.Headers.Add("Origin", "https://portal.city.example");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        });
        var allowed = await gateway.GetAsync("/api/ledger/anchors", configure: request => request.Headers.Add("Origin", "https://portal.city.example"));
        var other = await gateway.GetAsync("/api/ledger/anchors", configure: request => request.Headers.Add("Origin", "https://elsewhere.example"));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("https://portal.city.example", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("https://portal.city.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static string TraceIdOf(string traceparent) => traceparent.Split('-')[1];

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _ledger.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
