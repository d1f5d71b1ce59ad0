using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityServices.EndToEnd.Tests.Support;
using CityServices.Testing;

namespace CityServices.EndToEnd.Tests;

/// <summary>
/// The gateway's promises, held in front of the real services: the edge refuses what the services
/// would refuse, as problem details; a stopped service is a quick 503 and comes back by itself;
/// and one request is one trace from the gateway through a service and RabbitMQ to the ledger.
/// </summary>
public sealed class GatewayEdgeTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private Platform _platform = null!;

    public async ValueTask InitializeAsync() => _platform = await Platform.StartAsync(infrastructure, "edge");

    public ValueTask DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task The_edge_answers_401_403_404_and_413_as_problem_details()
    {
        var trade = await CitizenCardClient.ClientTokenAsync(_platform.Gateway, "trade-department",
            _platform.Credentials.SecretOf("trade-department"), "trade", Ct);

        await AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/health-records/me/record", token: null), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/health-records/me/record", trade), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/nowhere/at-all", trade), HttpStatusCode.NotFound);
        var oversized = new string('x', 2 * 1024 * 1024);
        await AssertProblemAsync(await SendAsync(HttpMethod.Post, "/api/identity/citizens", trade, new { nationalId = oversized }),
            HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_stopped_service_is_a_quick_503_and_serves_again_when_it_returns()
    {
        var health = _platform.Process("health-records");
        var auditor = await CitizenCardClient.ClientTokenAsync(_platform.Gateway, "auditor", _platform.Credentials.SecretOf("auditor"), "audit", Ct);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/health-records/audit/events", auditor)).StatusCode);

        health.Kill();
        var stopwatch = Stopwatch.StartNew();
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/health-records/audit/events", auditor), HttpStatusCode.ServiceUnavailable);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"the 503 took {stopwatch.Elapsed}");

        health.Restart();
        await health.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await Eventually.UntilAsync(async () => (await SendAsync(HttpMethod.Get, "/api/health-records/audit/events", auditor)).StatusCode,
            status => status == HttpStatusCode.OK, "the gateway to route to health-records again", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task One_registration_is_one_trace_in_the_logs_of_the_gateway_identity_and_the_ledger()
    {
        var registry = await CitizenCardClient.ClientTokenAsync(_platform.Gateway, "identity-department",
            _platform.Credentials.SecretOf("identity-department"), "identity", Ct);
        var traceId = ActivityTraceId.CreateRandom();
        var traceparent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/citizens")
        {
            Content = JsonContent.Create(new
            {
                nationalId = $"TR{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}",
                givenName = "Jaan",
                familyName = "Kask",
                birthDate = "1985-01-30",
                district = "kesklinn",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registry);
        request.Headers.Add("traceparent", traceparent);
        var response = await _platform.Gateway.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // the client learns the trace it belongs to (W3C traceresponse)
        Assert.Contains(traceId.ToString(), string.Join(",", response.Headers.GetValues("traceresponse")), StringComparison.Ordinal);

        // and every hop logged under it: the gateway and identity for the request, the ledger for the event
        foreach (var hop in new[] { "gateway", "identity", "ledger" })
        {
            await Eventually.UntilAsync(() => Task.FromResult(_platform.Process(hop).Log.Contains(traceId.ToString(), StringComparison.Ordinal)),
                found => found, $"the trace id {traceId} in the {hop}'s log", TimeSpan.FromSeconds(30));
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _platform.Gateway.SendAsync(request, Ct);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
