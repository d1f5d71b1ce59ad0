namespace CityServices.Deployment.Tests;

/// <summary>The value sets the chart is rendered with: default, dev, prod, and the defaults with the gateway off.</summary>
public static class Renders
{
    public static TheoryData<string> Names => ["default", "dev", "prod", "no-gateway"];

    public static string[] Args(string name) => name switch
    {
        "default" => [],
        "dev" => ["-f", Path.Combine(DeploymentTools.ChartDir, "values-dev.yaml")],
        "prod" => ["-f", Path.Combine(DeploymentTools.ChartDir, "values-prod.yaml")],
        "no-gateway" => ["--set", "gateway.enabled=false"],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    internal static ValidationReport Render(string name) => DeploymentTools.Validate(DeploymentTools.RenderChart(Args(name)));

    /// <summary>Every pod spec of the rendered objects, with the object that holds it.</summary>
    internal static IEnumerable<(string Owner, JsonObject Pod)> PodSpecs(ValidationReport report)
    {
        foreach (var o in report.Objects)
        {
            var kind = (string?)o["kind"];
            var owner = $"{kind}/{o["metadata"]!["name"]}";
            var pod = kind switch
            {
                "Deployment" or "StatefulSet" or "Job" => o["spec"]?["template"]?["spec"],
                "CronJob" => o["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"],
                "Pod" => o["spec"],
                _ => null,
            };
            if (pod is JsonObject spec)
            {
                yield return (owner, spec);
            }
        }
    }

    /// <summary>A services/ folder's chart alias, its name in kebab case: HealthRecords → health-records.</summary>
    internal static string ServiceAlias(string folder) =>
        System.Text.RegularExpressions.Regex.Replace(folder, "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant();

    /// <summary>The services/ folders that hold a service (every one but Shared).</summary>
    internal static List<string> ServiceFolders() =>
        Directory.GetDirectories(Path.Combine(DeploymentTools.Root, "services"))
            .Select(d => Path.GetFileName(d)!)
            .Where(n => n != "Shared")
            .ToList();

    internal static IEnumerable<JsonObject> Containers(JsonObject pod) =>
        (pod["containers"]?.AsArray() ?? []).Concat(pod["initContainers"]?.AsArray() ?? []).Select(c => c!.AsObject());
}
