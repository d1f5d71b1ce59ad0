using System.Text.Json.Nodes;

namespace CityServices.Deployment.Tests;

/// <summary>Prometheus metrics live on a management port that only the metrics scraper reaches.</summary>
public sealed class MetricsPortTests
{
    private const int MetricsPort = 9464;

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void Every_pod_serves_metrics_on_the_named_management_port_its_annotations_and_Service_name(string values)
    {
        var report = Renders.Render(values);
        var deployments = report.OfKind("Deployment").ToList();

        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            var name = (string)deployment["metadata"]!["name"]!;
            var template = deployment["spec"]!["template"]!;
            var annotations = template["metadata"]!["annotations"]!;
            Assert.Equal(MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)annotations["prometheus.io/port"]);
            Assert.Equal("/metrics", (string?)annotations["prometheus.io/path"]);
            var container = Renders.Containers(template["spec"]!.AsObject()).Single();
            Assert.Contains(container["ports"]!.AsArray(), p => (string?)p!["name"] == "metrics" && (int?)p["containerPort"] == MetricsPort);
            Assert.Equal(MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (string?)report.Single("ConfigMap", name)["data"]!["Metrics__Port"]);
            Assert.Contains(report.Single("Service", name)["spec"]!["ports"]!.AsArray(),
                p => (string?)p!["name"] == "metrics" && (int?)p["port"] == MetricsPort && (string?)p["targetPort"] == "metrics");
        }
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void Only_the_metrics_scraper_reaches_the_metrics_port_and_the_scraper_reaches_nothing_else(string values)
    {
        var report = Renders.Render(values);
        var scraper = JsonNode.Parse("""[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"monitoring"}}}]""")!.ToJsonString();
        var policies = report.OfKind("NetworkPolicy").Where(p => p["spec"]!["ingress"] is not null).ToList();

        Assert.NotEmpty(policies);
        foreach (var policy in policies)
        {
            foreach (var rule in policy["spec"]!["ingress"]!.AsArray())
            {
                var ports = rule!["ports"]!.AsArray().Select(p => (int)p!["port"]!).ToList();
                var from = rule["from"]?.ToJsonString();
                Assert.True(ports.Contains(MetricsPort) == (from == scraper),
                    $"{policy["metadata"]!["name"]}: a rule from {from ?? "anyone"} to ports {string.Join(",", ports)}");
                Assert.True(from != scraper || ports.SequenceEqual([MetricsPort]), $"{policy["metadata"]!["name"]}: the scraper reaches more than metrics");
            }
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("prod")]
    public void The_gateway_behind_the_ingress_accepts_a_scrape_addressed_to_its_pod_IP(string values)
    {
        var report = Renders.Render(values);

        var container = Renders.Containers(report.Single("Deployment", "city-gateway")["spec"]!["template"]!["spec"]!.AsObject()).Single();

        var env = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);
        Assert.Equal("status.podIP", (string?)env["POD_IP"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("$(AllowedHosts);$(POD_IP)", (string?)env["AllowedHosts"]["value"]);
    }
}
