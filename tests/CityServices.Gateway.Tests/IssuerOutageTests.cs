namespace CityServices.Gateway.Tests;

/// <summary>While the token issuer cannot be reached, the gateway cannot check tokens: it says so, as a 503.</summary>
public sealed class IssuerOutageTests : IssuerAndBackend
{
    [Fact]
    public async Task A_token_that_cannot_be_checked_because_the_issuer_is_down_is_a_503_problem_while_public_routes_pass()
    {
        var token = Issuer.CreateToken("health-records");
        await using var gateway = await GatewayHost.StartAsync(Issuer,
            new Dictionary<string, Uri[]> { ["health-records"] = [Backend.Address], ["ledger"] = [Backend.Address] },
            $"--Authentication:Authority={Loopback.NothingListens()}");

        var protectedRoute = await gateway.GetAsync("/api/health-records/records", token);
        var publicRoute = await gateway.GetAsync("/api/ledger/anchors");

        var problem = await Expect.ProblemAsync(HttpStatusCode.ServiceUnavailable, protectedRoute);
        Assert.Contains("token", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, publicRoute.StatusCode);
        Assert.DoesNotContain(Backend.Seen, request => request.Path == "/api/health-records/records");
    }
}
