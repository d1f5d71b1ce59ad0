namespace CityServices.ServiceDefaults.Tests;

public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    // a client that forges an earlier hop is seen as the hop the proxy appended, never the forged one
    [InlineData("198.51.100.1, 203.0.113.7", "203.0.113.7")]
    public async Task A_service_sees_the_client_address_its_loopback_proxy_forwards(string forwardedFor, string seen)
    {
        await using var service = await StartAsync(trustForwardedHeaders: true);

        Assert.Equal(seen, await WhoAmIAsync(service, forwardedFor));
        Assert.Equal("127.0.0.1", await WhoAmIAsync(service, forwardedFor: null));
    }

    [Fact]
    public async Task The_edge_never_believes_a_forwarded_address()
    {
        await using var service = await StartAsync(trustForwardedHeaders: false);

        Assert.Equal("127.0.0.1", await WhoAmIAsync(service, "203.0.113.7"));
    }

    private static Task<TestService> StartAsync(bool trustForwardedHeaders) => TestService.StartAsync(
        map: app => app.MapGet("/whoami", (HttpContext http) => http.Connection.RemoteIpAddress!.ToString()),
        defaults: defaults => defaults.TrustForwardedHeaders = trustForwardedHeaders);

    private static async Task<string> WhoAmIAsync(TestService service, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await (await service.Client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
    }
}
