using System.Text.Json.Nodes;

namespace CityServices.Deployment.Tests;

/// <summary>The value sets the chart is rendered with: default, dev, prod, and prod with the gateway on.</summary>
public static class Renders
{
    public static TheoryData<string> Names => ["default", "dev", "prod", "prod+gateway"];

    public static string[] Args(string name) => name switch
    {
        "default" => [],
        "dev" => ["-f", Path.Combine(DeploymentTools.ChartDir, "values-dev.yaml")],
        "prod" => ["-f", Path.Combine(DeploymentTools.ChartDir, "values-prod.yaml")],
        "prod+gateway" => ["-f", Path.Combine(DeploymentTools.ChartDir, "values-prod.yaml"), "--set", "gateway.enabled=true"],
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

    internal static IEnumerable<JsonObject> Containers(JsonObject pod) =>
        (pod["containers"]?.AsArray() ?? []).Concat(pod["initContainers"]?.AsArray() ?? []).Select(c => c!.AsObject());
}
