using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CityServices.Topology;

/// <summary>Every file that must agree with tools/city/deployables, parsed: the chart, skaffold, the gateway, the dev secrets.</summary>
internal sealed record TopologySources(
    JsonObject ChartValues, JsonObject DevValues, IReadOnlyList<JsonObject> Skaffold, IReadOnlyList<JsonObject> DevSecrets,
    JsonObject GatewayRoutes, JsonObject GatewayClusters, JsonObject ScopePolicies)
{
    public const string ChartValuesFile = "helm/city-services/values.yaml";
    public const string DevValuesFile = "helm/city-services/values-dev.yaml";
    public const string SkaffoldFile = "skaffold.yaml";
    public const string DevSecretsFile = "k8s/dev/secrets.yaml";
    public const string GatewayFiles = "gateway/CityServices.Gateway/appsettings.json and appsettings.Routes.json";

    // The gateway reads appsettings.Routes.json after appsettings.json: its members win.
    private static readonly string[] GatewaySettings = ["appsettings.json", "appsettings.Routes.json"];

    public static TopologySources Load(string root)
    {
        var yaml = Yaml(root, ChartValuesFile, DevValuesFile, SkaffoldFile, DevSecretsFile);
        var gateway = GatewaySettings.Select(file => JsonNode.Parse(
                File.ReadAllText(Path.Combine(root, "gateway", "CityServices.Gateway", file)),
                documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!)
            .ToList();
        return new TopologySources(
            yaml[ChartValuesFile].Single(), yaml[DevValuesFile].Single(), yaml[SkaffoldFile], yaml[DevSecretsFile],
            Merge(gateway, "ReverseProxy", "Routes"), Merge(gateway, "ReverseProxy", "Clusters"), Merge(gateway, "Gateway", "ScopePolicies"));
    }

    private static JsonObject Merge(IEnumerable<JsonNode> files, string section, string member)
    {
        var merged = new JsonObject();
        foreach (var file in files)
        {
            foreach (var (key, value) in file[section]?[member]?.AsObject() ?? [])
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    private static Dictionary<string, List<JsonObject>> Yaml(string root, params string[] files)
    {
        var script = Path.Combine(root, "tests", "CityServices.Architecture.Tests", "Topology", "yaml-to-json.mjs");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, Path.Combine(root, "tools") }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"yaml-to-json.mjs failed (the yaml package comes with `npm ci --prefix tools`, which ./city runs):\n{errors}");
        }

        return JsonNode.Parse(output.GetAwaiter().GetResult())!.AsObject()
            .ToDictionary(file => file.Key, file => file.Value!.AsArray().Where(d => d is not null).Select(d => d!.AsObject()).ToList());
    }
}
