using System.Diagnostics;
using CityServices.Topology;

namespace CityServices.Architecture.Tests;

/// <summary>
/// tools/city/deployables is the one topology source: ./city, the end-to-end platform and the
/// gateway read it, and the chart, skaffold and the dev secrets must list what it lists.
/// </summary>
public sealed class TopologyTests
{
    private static readonly Lazy<TopologySources> Sources = new(() => TopologySources.Load(Repository.Root));

    [Fact]
    public void Every_deployable_of_the_manifest_is_in_the_chart_skaffold_the_gateway_and_the_dev_secrets()
    {
        var findings = TopologyCheck.Findings(Manifest.Load(Repository.Root), Sources.Value);

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void A_service_listed_in_the_manifest_but_missing_everywhere_else_is_named_in_every_finding()
    {
        // given the real manifest with one more service, and the real chart, skaffold, gateway and secrets
        var manifest = Manifest.Parse(File.ReadAllText(Repository.PathOf(Manifest.RelativePath)) +
            "parking 5107 services/Parking/CityServices.Parking parking /api/parking parking Authentication:Authority=url:identity\n");

        // when the same check runs
        var findings = TopologyCheck.Findings(manifest, Sources.Value);

        // then it names the service and each file that lacks it, and nothing else
        Assert.Equal(
        [
            "parking: no services.parking in helm/city-services/values.yaml",
            "parking: no artifact city-services/parking built from services/Parking/CityServices.Parking in skaffold.yaml",
            "parking: a helm release in skaffold.yaml does not set services.parking.image.repository",
            "parking: no dev Secret in k8s/dev/secrets.yaml holds its database parking (as services.parking.database in helm/city-services/values-dev.yaml names it)",
            "parking: no route parking-api (/api/parking/{**rest}, policy parking) in gateway/CityServices.Gateway/appsettings.json and appsettings.Routes.json",
            "parking: no route parking-openapi in gateway/CityServices.Gateway/appsettings.json and appsettings.Routes.json",
            "parking: no cluster parking with a destination http://127.0.0.1:5107/ in gateway/CityServices.Gateway/appsettings.json and appsettings.Routes.json",
            "parking: its policy parking is not in Gateway:ScopePolicies of gateway/CityServices.Gateway/appsettings.json and appsettings.Routes.json",
        ], findings);
    }

    [Fact]
    public void A_planned_service_is_looked_for_in_the_gateway_only()
    {
        var manifest = Manifest.Parse(File.ReadAllText(Repository.PathOf(Manifest.RelativePath)) + "parking 5107 - - /api/parking parking -\n");

        var findings = TopologyCheck.Findings(manifest, Sources.Value);

        Assert.Equal(4, findings.Count);
        Assert.All(findings, finding => Assert.EndsWith("gateway/CityServices.Gateway/appsettings.json and appsettings.Routes.json", finding, StringComparison.Ordinal));
    }

    [Fact]
    public void The_committed_gateway_routes_are_what_the_manifest_makes()
    {
        var check = RunCity("routes --check");

        Assert.True(check.ExitCode == 0, $"./city routes --check failed:\n{check.Errors}");
    }

    [Fact]
    public void The_end_to_end_tests_build_every_built_deployable_of_the_manifest()
    {
        var references = Repository.Load("tests/CityServices.EndToEnd.Tests/CityServices.EndToEnd.Tests.csproj")
            .Descendants("ProjectReference").Select(r => Path.GetDirectoryName(r.Attribute("Include")!.Value.Replace("../../", "", StringComparison.Ordinal)))
            .ToList();

        Assert.All(Manifest.Load(Repository.Root).Deployables.Where(d => d.Project is not null), d => Assert.Contains(d.Project, references));
    }

    [Fact]
    public void No_service_references_another_services_project()
    {
        Assert.Empty(ServiceReferences.Findings(ServiceReferences.Read(Repository.Root)));
    }

    [Fact]
    public void A_service_that_references_another_services_project_is_named_with_the_reference()
    {
        var findings = ServiceReferences.Findings(
        [
            ("services/Trade/CityServices.Trade/CityServices.Trade.csproj",
            [
                "services/Shared/CityServices.ServiceDefaults/CityServices.ServiceDefaults.csproj",
                "contracts/CityServices.Contracts/CityServices.Contracts.csproj",
                "services/Trade/CityServices.Trade.Domain/CityServices.Trade.Domain.csproj",
                "services/Identity/CityServices.Identity/CityServices.Identity.csproj",
            ]),
            ("services/Shared/CityServices.EventPipeline/CityServices.EventPipeline.csproj",
                ["services/Shared/CityServices.ServiceDefaults/CityServices.ServiceDefaults.csproj"]),
        ]);

        var finding = Assert.Single(findings);
        Assert.StartsWith(
            "services/Trade/CityServices.Trade/CityServices.Trade.csproj references services/Identity/CityServices.Identity/CityServices.Identity.csproj",
            finding, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Errors) RunCity(string arguments)
    {
        var start = new ProcessStartInfo("bash", $"city {arguments}")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors.GetAwaiter().GetResult());
    }
}
