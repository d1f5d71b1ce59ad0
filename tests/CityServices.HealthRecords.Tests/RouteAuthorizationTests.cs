using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.HealthRecords.Tests;

public sealed partial class RouteAuthorizationTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "routes")
{
    [Fact]
    public async Task Every_route_refuses_another_departments_token_with_403_and_no_token_with_401()
    {
        // given a patient with an entry, so that a route which let the caller through would answer with data
        var patient = await Service.RegisterCitizenAsync(Ct);
        var entry = await Service.AddEntryAsync(patient, Tokens.Doctor(Service, Guid.NewGuid()), "note", "Z00.0", "checked", Ct, "walk-in");
        var trade = Service.Issuer.CreateDepartmentToken("trade-system", "trade", "trade");
        var routes = ApiRoutes(patient, entry);
        Assert.True(routes.Count >= 11, $"only {routes.Count} routes found");

        foreach (var (method, path) in routes)
        {
            var withTradeToken = await Service.SendAsync(method, path, trade, Body, Ct);
            var anonymous = await Service.SendAsync(method, path, null, Body, Ct);
            Assert.True(withTradeToken.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered a trade token with {withTradeToken.StatusCode}");
            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered no token with {anonymous.StatusCode}");
        }

        Assert.Equal(2, await Service.StreamVersionAsync(patient, Ct)); // opened, entry: nothing was read or written
    }

    [Fact]
    public async Task A_citizen_token_reaches_no_other_patients_record_nor_the_audit_export()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var entry = await Service.AddEntryAsync(patient, Tokens.Doctor(Service, Guid.NewGuid()), "note", "Z00.0", "checked", Ct, "walk-in");
        var otherCitizen = Tokens.Patient(Service, await Service.RegisterCitizenAsync(Ct));

        foreach (var (method, path) in ApiRoutes(patient, entry).Where(r => !r.Path.Contains("/me/", StringComparison.Ordinal)))
        {
            var response = await Service.SendAsync(method, path, otherCitizen, Body, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered another citizen with {response.StatusCode}");
        }

        // even a staff member of another department holding the health-records scope by mistake gets nothing
        var clerk = Service.Issuer.CreateCitizenToken(Guid.NewGuid(), department: "trade", roles: ["doctor"], extraScopes: "health-records");
        await Expect.StatusAsync(HttpStatusCode.Forbidden,
            await Service.GetAsync($"/api/health-records/patients/{patient}/record?purpose=emergency&reason=x", clerk, Ct));
        Assert.Equal(2, await Service.StreamVersionAsync(patient, Ct));
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route()
    {
        var document = await Expect.JsonAsync(HttpStatusCode.OK, await Service.Http.GetAsync("/openapi/v1.json", Ct));
        var documented = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        var mapped = Service.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!)
            .Where(pattern => pattern.StartsWith("/api/health-records/", StringComparison.Ordinal))
            .Select(pattern => RouteParameter().Replace(pattern, "{$1}"))
            .ToHashSet();
        Assert.Subset(documented, mapped);
    }

    private static readonly object Body = new { kind = "note", code = "Z00.0", content = "x", emergencyReason = "x", legalBasis = "x", access = "read" };

    /// <summary>Every route the app maps under /api/health-records, with its parameters filled in: a new route cannot be forgotten.</summary>
    private List<(HttpMethod Method, string Path)> ApiRoutes(Guid patient, Guid entry) =>
        [.. Service.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/health-records/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (new HttpMethod(method), Fill(e.RoutePattern.RawText!, patient, entry))))];

    private static string Fill(string pattern, Guid patient, Guid entry) =>
        RouteParameter().Replace(pattern, match => match.Groups[1].Value switch
        {
            "citizenId" => patient.ToString(),
            "entryId" => entry.ToString(),
            _ => Guid.NewGuid().ToString(),
        }) + "?purpose=emergency&reason=x";

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
