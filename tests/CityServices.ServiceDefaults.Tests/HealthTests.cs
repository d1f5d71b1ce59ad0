namespace CityServices.ServiceDefaults.Tests;

public sealed class HealthTests
{
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    private const string UnreachablePostgres = "Host=127.0.0.1;Port=1;Username=city;Database=city;Timeout=3";

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Liveness_answers_200_in_every_environment_without_touching_dependencies(string environment)
    {
        var settings = TestService.BaseSettings();
        settings["ConnectionStrings:Postgres"] = UnreachablePostgres;
        await using var service = await TestService.StartAsync(settings, environment);

        var response = await service.Client.GetAsync("/health/live", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await ReadReportAsync(response);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(["self"], CheckNames(report));
    }

    [Fact]
    public async Task Readiness_reports_an_unreachable_postgres_as_unhealthy_with_503()
    {
        var settings = TestService.BaseSettings();
        settings["ConnectionStrings:Postgres"] = UnreachablePostgres;
        await using var service = await TestService.StartAsync(settings);

        var response = await service.Client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await ReadReportAsync(response);
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        var postgres = Assert.Single(report.GetProperty("checks").EnumerateArray());
        Assert.Equal(("postgres", "Unhealthy"), (postgres.GetProperty("name").GetString(), postgres.GetProperty("status").GetString()));
        Assert.DoesNotContain("127.0.0.1", report.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_without_a_database_checks_nothing_and_is_healthy()
    {
        await using var service = await TestService.StartAsync();

        var response = await service.Client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(CheckNames(await ReadReportAsync(response)));
    }

    private static string?[] CheckNames(JsonElement report) =>
        [.. report.GetProperty("checks").EnumerateArray().Select(check => check.GetProperty("name").GetString())];

    internal static async Task<JsonElement> ReadReportAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }
}
