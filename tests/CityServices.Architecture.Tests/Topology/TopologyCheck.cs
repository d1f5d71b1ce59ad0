using System.Text.Json.Nodes;

namespace CityServices.Topology;

/// <summary>
/// What tools/city/deployables promises of the other files: each built deployable is in the chart's
/// values, has a skaffold artifact and image values, and its database's dev Secret; each routed one
/// has its gateway routes, cluster and policy. Every finding names the deployable and the file.
/// </summary>
internal static class TopologyCheck
{
    public static IReadOnlyList<string> Findings(Manifest manifest, TopologySources sources)
    {
        var findings = new List<string>();
        findings.AddRange(Duplicates(manifest));
        if (manifest.Deployables.Count(d => d.IsEntryPoint) != 1)
        {
            findings.Add($"{Manifest.RelativePath}: exactly one deployable must need 'routes' (the gateway)");
        }

        foreach (var deployable in manifest.Deployables)
        {
            if (deployable.Project is not null)
            {
                findings.AddRange(Chart(deployable, sources));
                findings.AddRange(Skaffold(deployable, sources));
                findings.AddRange(DevSecrets(deployable, sources));
            }

            if (deployable.Route is not null)
            {
                findings.AddRange(Gateway(deployable, sources));
            }
        }

        findings.AddRange(((JsonObject?)sources.ChartValues["services"] ?? [])
            .Where(service => manifest.Deployables.All(d => d.Name != service.Key))
            .Select(service => $"{service.Key}: services.{service.Key} in {TopologySources.ChartValuesFile} is not in {Manifest.RelativePath}"));
        return findings;
    }

    private static IEnumerable<string> Duplicates(Manifest manifest) =>
        new[] { ("name", manifest.Deployables.Select(d => d.Name)), ("port", manifest.Deployables.Select(d => d.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))), ("database", manifest.Deployables.Select(d => d.Database).OfType<string>()) }
            .SelectMany(column => column.Item2.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => $"{Manifest.RelativePath}: {column.Item1} {g.Key} is listed twice"));

    /// <summary>The chart's values for the deployable: services.&lt;name&gt;, or gateway for the entry point.</summary>
    private static (string Path, JsonNode? Values) ChartEntry(Deployable deployable, JsonObject values) =>
        deployable.IsEntryPoint ? ("gateway", values["gateway"]) : ($"services.{deployable.Name}", values["services"]?[deployable.Name]);

    private static IEnumerable<string> Chart(Deployable deployable, TopologySources sources)
    {
        var (path, values) = ChartEntry(deployable, sources.ChartValues);
        if (values is null)
        {
            yield return $"{deployable.Name}: no {path} in {TopologySources.ChartValuesFile}";
            yield break;
        }

        if ((string?)values["project"] != deployable.Project)
        {
            yield return $"{deployable.Name}: {path}.project in {TopologySources.ChartValuesFile} is not {deployable.Project}";
        }

        if (deployable.Database is not null && (string?)values["database"]?["name"] != deployable.Database)
        {
            yield return $"{deployable.Name}: {path}.database.name in {TopologySources.ChartValuesFile} is not {deployable.Database}";
        }
    }

    private static IEnumerable<string> Skaffold(Deployable deployable, TopologySources sources)
    {
        var artifacts = sources.Skaffold.SelectMany(config => config["build"]?["artifacts"]?.AsArray() ?? []).ToList();
        if (!artifacts.Any(a => (string?)a?["docker"]?["buildArgs"]?["PROJECT"] == deployable.Project && (string?)a?["image"] == $"city-services/{deployable.Name}"))
        {
            yield return $"{deployable.Name}: no artifact city-services/{deployable.Name} built from {deployable.Project} in {TopologySources.SkaffoldFile}";
        }

        var (path, _) = ChartEntry(deployable, sources.ChartValues);
        var releases = sources.Skaffold.SelectMany(Releases).ToList();
        if (releases.Count == 0 || releases.Any(release => release["setValueTemplates"]?[$"{path}.image.repository"] is null))
        {
            yield return $"{deployable.Name}: a helm release in {TopologySources.SkaffoldFile} does not set {path}.image.repository";
        }
    }

    private static IEnumerable<JsonNode> Releases(JsonObject config) =>
        new[] { config["deploy"] }.Concat((config["profiles"]?.AsArray() ?? []).Select(profile => profile?["deploy"]))
            .SelectMany(deploy => deploy?["helm"]?["releases"]?.AsArray() ?? []).OfType<JsonNode>();

    private static IEnumerable<string> DevSecrets(Deployable deployable, TopologySources sources)
    {
        var (path, values) = ChartEntry(deployable, sources.DevValues);
        if (deployable.Database is not null)
        {
            var secret = (string?)values?["database"]?["existingSecret"];
            var key = (string?)values?["database"]?["key"];
            var connectionString = secret is null || key is null ? null : SecretValue(sources, secret, key);
            if (connectionString is null || !connectionString.Contains($"Database={deployable.Database};", StringComparison.Ordinal))
            {
                yield return $"{deployable.Name}: no dev Secret in {TopologySources.DevSecretsFile} holds its database {deployable.Database} " +
                    $"(as {path}.database in {TopologySources.DevValuesFile} names it)";
            }
        }

        foreach (var variable in values?["secretEnv"]?.AsArray() ?? [])
        {
            if (SecretValue(sources, (string?)variable?["existingSecret"], (string?)variable?["key"]) is null)
            {
                yield return $"{deployable.Name}: {variable?["env"]} names Secret {variable?["existingSecret"]} key {variable?["key"]}, which {TopologySources.DevSecretsFile} does not hold";
            }
        }
    }

    private static string? SecretValue(TopologySources sources, string? name, string? key)
    {
        var secret = sources.DevSecrets.FirstOrDefault(s => (string?)s["kind"] == "Secret" && (string?)s["metadata"]?["name"] == name);
        return key is null ? null : (string?)(secret?["stringData"]?[key] ?? secret?["data"]?[key]);
    }

    private static IEnumerable<string> Gateway(Deployable deployable, TopologySources sources)
    {
        var api = sources.GatewayRoutes[$"{deployable.Name}-api"];
        var policy = deployable.Policy == "public-read" ? "anonymous" : deployable.Policy;
        if ((string?)api?["ClusterId"] != deployable.Name || (string?)api?["Match"]?["Path"] != $"{deployable.Route}/{{**rest}}" ||
            (string?)api?["AuthorizationPolicy"] != policy)
        {
            yield return $"{deployable.Name}: no route {deployable.Name}-api ({deployable.Route}/{{**rest}}, policy {policy}) in {TopologySources.GatewayFiles}";
        }

        if ((string?)sources.GatewayRoutes[$"{deployable.Name}-openapi"]?["Match"]?["Path"] != $"/openapi/{deployable.Name}.json")
        {
            yield return $"{deployable.Name}: no route {deployable.Name}-openapi in {TopologySources.GatewayFiles}";
        }

        var address = $"http://127.0.0.1:{deployable.Port}/";
        if (!(sources.GatewayClusters[deployable.Name]?["Destinations"]?.AsObject() ?? []).Any(d => (string?)d.Value?["Address"] == address))
        {
            yield return $"{deployable.Name}: no cluster {deployable.Name} with a destination {address} in {TopologySources.GatewayFiles}";
        }

        if (deployable.Policy != "public-read" && sources.ScopePolicies[deployable.Policy!] is null)
        {
            yield return $"{deployable.Name}: its policy {deployable.Policy} is not in Gateway:ScopePolicies of {TopologySources.GatewayFiles}";
        }
    }
}
