namespace CityServices.ServiceDefaults.Tests;

public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    // a client that forges an earlier hop is seen as the hop the proxy appended, never the forged one
    [InlineData("198.51.100.1, 203.0.113.7", "203.0.113.7")]
    public async Task A_service_sees_the_client_address_a_configured_proxy_forwards(string forwardedFor, string seen)
    {
        await using var service = await StartAsync(trustForwardedHeaders: true, ("ForwardedHeaders:KnownProxies:0", "127.0.0.1"));

        Assert.Equal(seen, await WhoAmIAsync(service, forwardedFor));
        Assert.Equal("127.0.0.1", await WhoAmIAsync(service, forwardedFor: null));
    }

    [Fact]
    public async Task A_proxy_in_a_configured_network_is_believed_too()
    {
        await using var service = await StartAsync(trustForwardedHeaders: true, ("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8"));

        Assert.Equal("203.0.113.7", await WhoAmIAsync(service, "203.0.113.7"));
    }

    [Fact]
    public async Task Without_configured_proxies_not_even_a_loopback_caller_is_believed()
    {
        await using var service = await StartAsync(trustForwardedHeaders: true);

        Assert.Equal("127.0.0.1", await WhoAmIAsync(service, "203.0.113.7"));
    }

    [Fact]
    public async Task A_caller_outside_the_configured_proxies_is_not_believed()
    {
        await using var service = await StartAsync(trustForwardedHeaders: true,
            ("ForwardedHeaders:KnownProxies:0", "10.1.2.3"), ("ForwardedHeaders:KnownNetworks:0", "10.244.0.0/16"));

        Assert.Equal("127.0.0.1", await WhoAmIAsync(service, "203.0.113.7"));
    }

    [Fact]
    public async Task The_edge_never_believes_a_forwarded_address()
    {
        await using var service = await StartAsync(trustForwardedHeaders: false, ("ForwardedHeaders:KnownProxies:0", "127.0.0.1"));

        Assert.Equal("127.0.0.1", await WhoAmIAsync(service, "203.0.113.7"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "gateway", "ForwardedHeaders:KnownProxies")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "ForwardedHeaders:KnownNetworks")]
    public async Task A_proxy_that_is_not_an_address_or_network_refuses_the_start(string key, string value, string named)
    {
        var settings = TestService.BaseSettings();
        settings[key] = value;

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestService.StartAsync(settings));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    private static Task<TestService> StartAsync(bool trustForwardedHeaders, params (string Key, string Value)[] proxies)
    {
        var settings = TestService.BaseSettings();
        foreach (var (key, value) in proxies)
        {
            settings[key] = value;
        }

        return TestService.StartAsync(
            settings,
            map: app => app.MapGet("/whoami", (HttpContext http) => http.Connection.RemoteIpAddress!.ToString()),
            defaults: defaults => defaults.TrustForwardedHeaders = trustForwardedHeaders);
    }

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
