namespace CityServices.Deployment.Tests;

/// <summary>values.schema.json, enforced by helm itself on lint, template, install and upgrade.</summary>
public sealed class ValuesSchemaTests
{
    [Fact]
    public void A_wrong_type_is_rejected()
    {
        var result = DeploymentTools.HelmTemplate("--set", "platform.chain.chainId=mainnet");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("platform.chain.chainId: Invalid type. Expected: integer, given: string", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_value_is_rejected()
    {
        var result = DeploymentTools.HelmTemplate("--set", "services.ledger.database.existingSecret=null");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("services.ledger.database: existingSecret is required", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image.pullPolicy=Sometimes", "image.pullPolicy")]
    [InlineData("platform.environment=Prod", "platform.environment")]
    [InlineData("image.tag=not a tag", "image.tag")]
    [InlineData("platform.chain.rpcUrl=ftp://node.example", "platform.chain.rpcUrl")]
    [InlineData("platform.identity.authority=identity", "platform.identity.authority")]
    [InlineData("podSecurity.runAsUser=0", "podSecurity.runAsUser")]
    [InlineData("audit.monitor.enabled=true", "audit.monitor.contract")]
    [InlineData("services.ledger.config.Ledger:Chain:PrivateKey=0x01", "services.ledger.config")]
    [InlineData("services.ledger.resources.limits=null", "services.ledger.resources")]
    [InlineData("services.ledger.unknownSetting=1", "services.ledger")]
    [InlineData("services.identity.config.Identity:Tokens:SigningKey=key", "services.identity.config")]
    [InlineData("services.identity.config.Identity:Clients:auditor:Secret=s", "services.identity.config")]
    [InlineData("services.health-records.config.HealthRecords:Encryption:MasterKey=k", "services.health-records.config")]
    [InlineData("services.health-records.database.name=health-records", "services.health-records.database.name")]
    [InlineData("gateway.ingress.paths[0]=metrics", "gateway.ingress.paths")]
    [InlineData("platform.metricsPort=8080", "platform.metricsPort")]
    [InlineData("platform.forwardedHeaders.knownNetworks[0]=everyone", "platform.forwardedHeaders.knownNetworks")]
    [InlineData("platform.forwardedHeaders.knownProxies[0]=gateway", "platform.forwardedHeaders.knownProxies")]
    public void A_bad_value_is_rejected_naming_it(string set, string named)
    {
        var result = DeploymentTools.HelmTemplate("--set", set);

        Assert.True(result.ExitCode != 0, $"--set {set} was accepted");
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_values_files_are_accepted()
    {
        foreach (var file in new[] { "values-dev.yaml", "values-prod.yaml" })
        {
            var result = DeploymentTools.HelmTemplate("-f", Path.Combine(DeploymentTools.ChartDir, file));
            Assert.True(result.ExitCode == 0, $"{file}: {result.Stderr}");
        }
    }
}
