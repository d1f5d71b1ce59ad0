using System.Text.RegularExpressions;

namespace CityServices.Deployment.Tests;

/// <summary>deploy/Dockerfile and skaffold.yaml. Images cannot be built here (no Docker engine):
/// these check what the files promise.</summary>
public sealed class ImageAndSkaffoldTests
{
    private static List<JsonObject> SkaffoldArtifacts()
    {
        var configs = DeploymentTools.Validate(File.ReadAllText(Path.Combine(DeploymentTools.Root, "skaffold.yaml")), parseOnly: true).Objects;
        Assert.NotEmpty(configs);
        return configs.SelectMany(c => c["build"]?["artifacts"]?.AsArray() ?? []).Select(a => a!.AsObject()).ToList();
    }

    /// <summary>The project folders of tools/city/deployables (what ./city up runs; - is a planned one, not built yet).</summary>
    private static List<string> Deployables() =>
        File.ReadAllLines(Path.Combine(DeploymentTools.Root, "tools", "city", "deployables"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2])
            .Where(project => project != "-")
            .ToList();

    [Fact]
    public void Skaffold_names_an_artifact_for_every_deployable_gateway_and_city_audit()
    {
        var projects = SkaffoldArtifacts().Select(a => (string?)a["docker"]?["buildArgs"]?["PROJECT"]).ToList();

        var expected = Deployables().Append("tools/CityServices.Audit").ToList();
        // gateway/ has no project yet, and git keeps no empty folder: a fresh clone may lack it.
        var gateway = Path.Combine(DeploymentTools.Root, "gateway");
        if (Directory.Exists(gateway))
        {
            expected.AddRange(Directory.GetFiles(gateway, "*.csproj", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(DeploymentTools.Root, Path.GetDirectoryName(p)!).Replace('\\', '/')));
        }

        foreach (var project in expected)
        {
            Assert.Contains(project, projects);
        }
    }

    [Fact]
    public void Every_skaffold_artifact_uses_an_existing_Dockerfile_and_project()
    {
        foreach (var artifact in SkaffoldArtifacts())
        {
            var context = Path.Combine(DeploymentTools.Root, (string?)artifact["context"] ?? ".");
            var dockerfile = (string?)artifact["docker"]?["dockerfile"] ?? "Dockerfile";
            Assert.True(File.Exists(Path.Combine(context, dockerfile)), $"{artifact["image"]}: {dockerfile} does not exist");
            var project = (string?)artifact["docker"]?["buildArgs"]?["PROJECT"];
            Assert.False(string.IsNullOrEmpty(project), $"{artifact["image"]}: no PROJECT build arg");
            Assert.True(File.Exists(Path.Combine(context, project!, Path.GetFileName(project!) + ".csproj")), $"{artifact["image"]}: {project} has no project");
        }
    }

    [Fact]
    public void Skaffold_deploys_the_dev_infrastructure_and_the_chart_with_dev_and_prod_profiles()
    {
        var configs = DeploymentTools.Validate(File.ReadAllText(Path.Combine(DeploymentTools.Root, "skaffold.yaml")), parseOnly: true).Objects;
        var text = string.Join("\n", configs.Select(c => c.ToJsonString()));

        Assert.Contains("\"k8s/dev\"", text, StringComparison.Ordinal);
        Assert.Contains("\"helm/city-services\"", text, StringComparison.Ordinal);
        foreach (var profile in new[] { "dev", "prod" })
        {
            Assert.All(configs, c => Assert.Contains(c["profiles"]!.AsArray(), p => (string?)p!["name"] == profile));
        }

        // Every image the chart deploys is set from the artifact skaffold built.
        foreach (var artifact in SkaffoldArtifacts())
        {
            var variable = "IMAGE_REPO_" + Regex.Replace((string)artifact["image"]!, "[^A-Za-z0-9]", "_");
            Assert.Contains(variable, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_Dockerfile_builds_a_small_non_root_image_for_any_project()
    {
        var dockerfile = File.ReadAllText(Path.Combine(DeploymentTools.Root, "deploy", "Dockerfile"));

        Assert.Matches(@"(?m)^ARG PROJECT\s*$", dockerfile);
        Assert.Matches(@"(?m)^FROM \$\{SDK_IMAGE\} AS build", dockerfile);
        Assert.Contains("mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile, StringComparison.Ordinal);
        var user = Regex.Match(dockerfile, @"(?m)^USER (\d+)(?::(\d+))?\s*$");
        Assert.True(user.Success && int.Parse(user.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "USER must be a numeric non-root uid");
        Assert.Matches(@"(?m)^EXPOSE 8080\s*$", dockerfile);
        Assert.Contains("DOTNET_EnableDiagnostics=0", dockerfile, StringComparison.Ordinal);
        // The last stage is the runtime image: USER comes after the last FROM.
        Assert.True(dockerfile.LastIndexOf("\nUSER ", StringComparison.Ordinal) > dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal));

        var chartUid = Regex.Match(File.ReadAllText(Path.Combine(DeploymentTools.ChartDir, "values.yaml")), @"runAsUser: (\d+)").Groups[1].Value;
        Assert.Equal(user.Groups[1].Value, chartUid);

        var ignore = File.ReadAllLines(Path.Combine(DeploymentTools.Root, ".dockerignore"));
        foreach (var excluded in new[] { "**/bin/", "**/obj/", ".git/", ".city/", "**/node_modules/" })
        {
            Assert.Contains(excluded, ignore);
        }
    }
}
