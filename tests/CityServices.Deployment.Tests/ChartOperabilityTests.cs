using System.Text.Json.Nodes;

namespace CityServices.Deployment.Tests;

/// <summary>
/// What an operator expects of a chart: pods that roll when any of their configuration changes,
/// the usual scheduling and identity hooks, scrape targets for the shipped alerts, and a README.
/// </summary>
public sealed class ChartOperabilityTests
{
    [Theory]
    [InlineData("platform.chain.rpcUrl=https://other-rpc.example")]
    [InlineData("platform.otlpEndpoint=http://otel-collector:4317")]
    [InlineData("platform.messaging.retry.limit=7")]
    public void A_platform_setting_changes_every_service_pods_config_checksum(string setting)
    {
        var before = ConfigChecksums(DeploymentTools.RenderChart());
        var after = ConfigChecksums(DeploymentTools.RenderChart("--set", setting));

        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var services = before.Keys.Where(name => name != "city-gateway" || setting.Contains("otlp", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(services);
        Assert.All(services, name => Assert.NotEqual(before[name], after[name]));
    }

    [Fact]
    public void A_component_setting_changes_only_that_components_checksum()
    {
        var before = ConfigChecksums(DeploymentTools.RenderChart());
        var after = ConfigChecksums(DeploymentTools.RenderChart("--set", "services.ledger.config.Ledger:Confirmations=3"));

        Assert.NotEqual(before["city-ledger"], after["city-ledger"]);
        Assert.All(before.Keys.Where(name => name != "city-ledger"), name => Assert.Equal(before[name], after[name]));
    }

    [Fact]
    public void Global_affinity_tolerations_node_selector_pod_and_service_account_annotations_reach_the_objects()
    {
        var report = DeploymentTools.Validate(DeploymentTools.RenderChart(
            "--set", "global.imageRegistry=registry.example",
            "--set", "services.identity.nodeSelector.pool=citizens",
            "--set", "services.identity.tolerations[0].key=dedicated",
            "--set", "services.identity.tolerations[0].operator=Exists",
            "--set", "services.identity.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key=zone",
            "--set", "services.identity.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator=Exists",
            "--set-string", "services.identity.podAnnotations.mesh\\.example/inject=true",
            "--set", "gateway.serviceAccount.annotations.iam\\.gke\\.io/gcp-service-account=gateway@city.iam.gserviceaccount.com"));

        Assert.Empty(report.Errors);
        var pod = report.Single("Deployment", "city-identity")["spec"]!["template"]!;
        Assert.Equal("citizens", (string?)pod["spec"]!["nodeSelector"]!["pool"]);
        Assert.Equal("dedicated", (string?)pod["spec"]!["tolerations"]![0]!["key"]);
        Assert.Equal("zone", (string?)pod["spec"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!
            ["nodeSelectorTerms"]![0]!["matchExpressions"]![0]!["key"]);
        Assert.Equal("true", (string?)pod["metadata"]!["annotations"]!["mesh.example/inject"]);
        Assert.Equal("9464", (string?)pod["metadata"]!["annotations"]!["prometheus.io/port"]);
        Assert.Equal("gateway@city.iam.gserviceaccount.com",
            (string?)report.Single("ServiceAccount", "city-gateway")["metadata"]!["annotations"]!["iam.gke.io/gcp-service-account"]);
        Assert.Null(report.Single("ServiceAccount", "city-identity")["metadata"]!["annotations"]);
        Assert.Null(report.Single("Deployment", "city-ledger")["spec"]!["template"]!["spec"]!["affinity"]);
    }

    [Fact]
    public void An_unknown_key_is_still_refused_by_the_schema()
    {
        var result = DeploymentTools.HelmTemplate("--set", "services.identity.affinty.nodeAffinity=x");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("affinty", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ServiceMonitor_selects_every_components_Service_on_its_metrics_port()
    {
        var report = DeploymentTools.Validate(DeploymentTools.RenderChart(
            "--set", "serviceMonitor.enabled=true", "--set", "serviceMonitor.labels.release=prom"));

        var monitor = report.OfKind("ServiceMonitor").Single();
        Assert.Equal("prom", (string?)monitor["metadata"]!["labels"]!["release"]);
        var endpoint = monitor["spec"]!["endpoints"]!.AsArray().Single()!;
        Assert.Equal("metrics", (string?)endpoint["port"]);
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        var selector = monitor["spec"]!["selector"]!["matchLabels"]!.AsObject();
        var services = report.OfKind("Service").ToList();
        Assert.Equal(4, services.Count);
        Assert.All(services, service =>
        {
            var labels = service["metadata"]!["labels"]!.AsObject();
            Assert.All(selector, pair => Assert.Equal((string?)pair.Value, (string?)labels[pair.Key]));
            Assert.Contains(service["spec"]!["ports"]!.AsArray(), port => (string?)port!["name"] == "metrics");
        });
        Assert.Empty(DeploymentTools.Validate(DeploymentTools.RenderChart()).OfKind("ServiceMonitor"));
    }

    [Fact]
    public void Every_deployed_component_has_an_absent_target_alert()
    {
        var report = DeploymentTools.Validate(DeploymentTools.RenderChart(
            "--set", "prometheusRule.enabled=true", "--set", "services.health-records.enabled=false"));

        var rules = report.OfKind("PrometheusRule").Single()["spec"]!["groups"]!.AsArray()
            .SelectMany(group => group!["rules"]!.AsArray()).Select(rule => rule!.AsObject()).ToList();
        var absent = rules.Where(rule => (string?)rule["alert"] == "CityMetricsTargetAbsent")
            .Select(rule => (string)rule["expr"]!).Order().ToList();
        Assert.Equal(
        [
            """absent(up{namespace="city", service="city-gateway"})""",
            """absent(up{namespace="city", service="city-identity"})""",
            """absent(up{namespace="city", service="city-ledger"})""",
        ], absent);
        Assert.Contains(rules, rule => (string?)rule["alert"] == "CityMetricsTargetDown");
    }

    [Fact]
    public void Helm_show_readme_prints_the_chart_README_which_names_every_top_level_value()
    {
        var readme = DeploymentTools.Run(DeploymentTools.Helm, ["show", "readme", DeploymentTools.ChartDir]);
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(DeploymentTools.ChartDir, "values.schema.json")))!["properties"]!.AsObject();

        Assert.Equal(0, readme.ExitCode);
        Assert.StartsWith("# city-services", readme.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Upgrade and roll back", readme.Stdout, StringComparison.Ordinal);
        Assert.All(values.Select(pair => pair.Key), key => Assert.Contains($"| `{key}", readme.Stdout, StringComparison.Ordinal));
    }

    /// <summary>Each Deployment's checksum/config annotation, by Deployment name.</summary>
    private static Dictionary<string, string> ConfigChecksums(string yaml) =>
        DeploymentTools.Validate(yaml, parseOnly: true).OfKind("Deployment").ToDictionary(
            deployment => (string)deployment["metadata"]!["name"]!,
            deployment => (string)deployment["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/config"]!);
}
