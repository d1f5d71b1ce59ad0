namespace CityServices.Gateway.Tests;

/// <summary>Bodies over the limit (1 MB as shipped) are refused with 413 before the service sees them.</summary>
public sealed class RequestSizeTests : IAsyncLifetime
{
    private const int ShippedLimit = 1024 * 1024;

    private TestIssuer _issuer = null!;
    private EchoBackend _backend = null!;
    private GatewayHost _gateway = null!;
    private string _token = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _backend = await EchoBackend.StartAsync("health-records");
        _gateway = await GatewayHost.StartAsync(_issuer, new Dictionary<string, Uri[]> { ["health-records"] = [_backend.Address] });
        _token = _issuer.CreateDepartmentToken("clinic", "health-records");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_that_names_the_limit_and_never_reaches_the_service()
    {
        using var body = new ByteArrayContent(new byte[ShippedLimit + 1]);

        var response = await _gateway.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/health-records/records") { Content = body }, _token);

        var problem = await Expect.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, response);
        Assert.Contains($"at most {ShippedLimit} bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_backend.Seen, request => request.Method == "POST");
    }

    [Fact]
    public async Task A_chunked_body_that_grows_over_the_limit_is_a_413_problem()
    {
        using var body = new StreamContent(new MemoryStream(new byte[ShippedLimit + 64 * 1024]));

        var response = await _gateway.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/health-records/records") { Content = body }, _token,
            request => request.Headers.TransferEncodingChunked = true);

        await Expect.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, response);
        Assert.DoesNotContain(_backend.Seen, request => request.Method == "POST" && request.BodyLength > ShippedLimit);
    }

    [Fact]
    public async Task A_body_at_the_limit_reaches_the_service_whole()
    {
        using var body = new ByteArrayContent(new byte[ShippedLimit]);

        var response = await _gateway.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/health-records/records") { Content = body }, _token);

        Assert.Equal(new EchoAnswer("health-records", "/api/health-records/records", ShippedLimit), await EchoAnswer.ReadAsync(response));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
