namespace CityServices.Gateway.Tests;

/// <summary>
/// The gateway as it ships: its rate limits and its health checks, with none of the overrides the
/// other tests use to make counts small or health changes fast. The figures here are the shipped
/// ones (gateway/CityServices.Gateway/appsettings.json and appsettings.Routes.json): a change to
/// them is a decision, and fails here until this test states it too.
/// </summary>
public sealed class ShippedSettingsTests : IssuerAndBackend
{
    private static readonly TimeSpan ShippedHealthPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_shipped_rate_limits_are_in_force_per_address_and_per_client()
    {
        await using var gateway = await GatewayHost.StartAsync(Issuer, new Dictionary<string, Uri[]>
        {
            ["health-records"] = [Backend.Address],
            ["ledger"] = [Backend.Address],
        });

        var anonymous = await gateway.GetAsync("/api/ledger/anchors");
        var withToken = await gateway.GetAsync("/api/health-records/records", Issuer.CreateDepartmentToken("clinic", "health-records"));

        await EchoAnswer.ReadAsync(anonymous);
        await EchoAnswer.ReadAsync(withToken);
        Assert.Equal("\"per-ip\";q=100;w=1", Field(anonymous, "RateLimit-Policy"));
        Assert.Equal("\"per-ip\";q=100;w=1, \"per-client\";q=50;w=1", Field(withToken, "RateLimit-Policy"));
    }

    [Fact]
    public async Task With_the_shipped_health_checks_a_stopped_replica_is_taken_out_and_a_restarted_one_taken_back()
    {
        await using var replicaB = await EchoBackend.StartAsync("backend-b");
        await using var gateway = await GatewayHost.StartWithShippedHealthChecksAsync(Issuer, new Dictionary<string, Uri[]>
        {
            ["ledger"] = [Backend.Address, replicaB.Address],
        },
        // Only the address limit is raised: the test sends more than a second's worth of the shipped 100.
        "--Gateway:RateLimits:PerIp:PermitLimit=100000");

        await replicaB.StopAsync();
        await Eventually.UntilAsync(
            () => AnsweredByAsync(gateway, 20),
            answeredBy => answeredBy.Count == 20 && answeredBy.All(name => name == Backend.Name),
            "twenty answers in a row from the replica still running",
            ShippedHealthPatience);

        await replicaB.RestartAsync();
        await Eventually.UntilAsync(
            () => AnsweredByAsync(gateway, 20),
            answeredBy => answeredBy.Contains(replicaB.Name),
            "the restarted replica to be probed healthy and answer again",
            ShippedHealthPatience);
    }

    /// <summary>Which replica answered each of <paramref name="count"/> requests; a failed request ends the round.</summary>
    private static async Task<List<string>> AnsweredByAsync(GatewayHost gateway, int count)
    {
        var answeredBy = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var response = await gateway.GetAsync("/api/ledger/anchors");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                break;
            }

            answeredBy.Add((await EchoAnswer.ReadAsync(response)).Backend);
        }

        return answeredBy;
    }

    private static string Field(HttpResponseMessage response, string name) => string.Join(", ", response.Headers.GetValues(name));
}
