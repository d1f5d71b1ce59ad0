using System.Text.Json;

namespace CityServices.Gateway.Tests;

/// <summary>The real ledger behind the gateway: its public API and its OpenAPI document pass without a token.</summary>
public sealed class LedgerThroughGatewayTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private ServiceHost _ledger = null!;
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _ledger = await LedgerHost.StartAsync(infrastructure, Ledger.LedgerApp.Create, "gateway_ledger", settings:
        [
            $"--contentRoot={Path.Combine(AppContext.BaseDirectory, "content", "ledger")}",
        ]);
        _gateway = await GatewayHost.StartAsync(_issuer, new Dictionary<string, Uri[]> { ["ledger"] = [_ledger.Address] });
    }

    [Theory]
    [InlineData("/api/ledger/anchors")]
    [InlineData("/api/ledger/checkpoints/latest")]
    [InlineData("/api/ledger/anchors?limit=0")]
    public async Task A_public_ledger_route_passes_without_a_token_and_answers_as_the_ledger_does(string path)
    {
        var direct = await _ledger.Http.GetAsync(path, Ct);

        var throughGateway = await _gateway.GetAsync(path);

        Assert.Equal(direct.StatusCode, throughGateway.StatusCode);
        Assert.Equal(direct.Content.Headers.ContentType?.MediaType, throughGateway.Content.Headers.ContentType?.MediaType);
        var expected = await Expect.BodyAsync(direct);
        var actual = await Expect.BodyAsync(throughGateway);
        if (expected.ValueKind == JsonValueKind.Object && expected.TryGetProperty("traceId", out _))
        {
            // A problem names its own request's trace; everything else must be the ledger's words.
            Assert.Equal(expected.GetProperty("detail").GetString(), actual.GetProperty("detail").GetString());
            Assert.Equal(expected.GetProperty("status").GetInt32(), actual.GetProperty("status").GetInt32());
        }
        else
        {
            Assert.Equal(expected.GetRawText(), actual.GetRawText());
        }
    }

    [Fact]
    public async Task A_ledger_answer_through_the_gateway_states_the_gateways_limit_and_the_ledgers()
    {
        var response = await _gateway.GetAsync("/api/ledger/anchors");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policies = string.Join(", ", response.Headers.GetValues("RateLimit-Policy"));
        Assert.Contains("\"ledger-client-ip\";q=", policies, StringComparison.Ordinal);
        Assert.Contains("\"per-ip\";q=", policies, StringComparison.Ordinal);
        var current = RateLimitField.Parse(string.Join(", ", response.Headers.GetValues("RateLimit")));
        Assert.Equal(["ledger-client-ip", "per-ip"], current.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_ledgers_openapi_document_is_served_under_its_service_name()
    {
        var response = await _gateway.GetAsync("/openapi/ledger.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Expect.BodyAsync(response);
        Assert.Equal("Ledger", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/ledger/anchors", out _));
    }

    [Fact]
    public async Task The_docs_page_lists_every_services_document()
    {
        var docs = await _gateway.GetAsync("/docs");
        var reference = await _gateway.GetAsync(docs.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, docs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var page = await reference.Content.ReadAsStringAsync(Ct);
        foreach (var service in GatewayHost.Services)
        {
            Assert.Contains(JsonSerializer.Serialize(new { title = service, url = $"openapi/{service}.json" }), page, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _ledger.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
