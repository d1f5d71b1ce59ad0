using CityServices.Testing;

namespace CityServices.ServiceDefaults.Tests;

/// <summary>Readiness against the real PostgreSQL of <c>./city test</c> (or Testcontainers).</summary>
public sealed class HealthWithPostgresTests(CityInfrastructure infrastructure) : IClassFixture<CityInfrastructure>
{
    [Fact]
    public async Task Readiness_reports_a_reachable_postgres_as_healthy_with_200()
    {
        var settings = TestService.BaseSettings();
        settings["ConnectionStrings:Postgres"] = infrastructure.PostgresConnectionString;
        await using var service = await TestService.StartAsync(settings);

        var response = await service.Client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var postgres = Assert.Single((await HealthTests.ReadReportAsync(response)).GetProperty("checks").EnumerateArray());
        Assert.Equal(("postgres", "Healthy"), (postgres.GetProperty("name").GetString(), postgres.GetProperty("status").GetString()));
    }
}
