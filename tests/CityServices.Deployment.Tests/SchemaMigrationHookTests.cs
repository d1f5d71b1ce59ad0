using System.Text.Json.Nodes;

namespace CityServices.Deployment.Tests;

/// <summary>
/// Schemas change in the migrations hook, never at a pod's start: after the bootstrap Job, each
/// enabled service's image runs with <c>--migrate</c>, configured as its pods are, and the pods
/// run with <c>Schema:ApplyOnStart=false</c>.
/// </summary>
public sealed class SchemaMigrationHookTests
{
    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void The_hook_runs_each_enabled_services_image_with_migrate_after_the_databases_exist(string values)
    {
        var report = Renders.Render(values);
        var services = ServiceDeployments(report).ToList();
        Assert.Equal(["city-health-records", "city-identity", "city-ledger"], services.Select(Name).Order());
        var bootstrapWeight = HookWeight(report.Single("Job", "city-migrations"));

        foreach (var deployment in services)
        {
            var name = Name(deployment);
            var job = report.Single("Job", $"{name}-migrate");
            var pod = job["spec"]!["template"]!;
            var servicePod = deployment["spec"]!["template"]!["spec"]!;
            var migrate = pod["spec"]!["containers"]!.AsArray().Single()!;
            var serve = servicePod["containers"]![0]!;

            // a pre-install/pre-upgrade hook after the databases exist, with the service's image in migrate mode
            Assert.Equal("pre-install,pre-upgrade", (string?)job["metadata"]!["annotations"]!["helm.sh/hook"]);
            Assert.True(HookWeight(job) > bootstrapWeight, $"{name}'s migrate Job runs before the databases exist.");
            Assert.Equal((string?)serve["image"], (string?)migrate["image"]);
            Assert.Equal(["--migrate"], migrate["args"]!.AsArray().Select(a => (string?)a));

            // configured as the service's pods are: a hook copy of its ConfigMap, there before the Job, and the same secrets
            var configMap = report.Single("ConfigMap", (string)migrate["envFrom"]!.AsArray().Single()!["configMapRef"]!["name"]!);
            Assert.Equal(report.Single("ConfigMap", name)["data"]!.ToJsonString(), configMap["data"]!.ToJsonString());
            Assert.True(HookWeight(configMap) < HookWeight(job), $"{name}'s migrate ConfigMap is created after its Job.");
            var env = migrate["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);

            foreach (var secret in serve["env"]!.AsArray().Where(e => e!["valueFrom"]?["secretKeyRef"] is not null))
            {
                Assert.Equal(secret!["valueFrom"]!.ToJsonString(), env[(string)secret["name"]!]["valueFrom"]!.ToJsonString());
            }

            // with a service account that exists before it, scheduled like the service, allowed to reach PostgreSQL
            var account = report.Single("ServiceAccount", (string)pod["spec"]!["serviceAccountName"]!);
            Assert.True(HookWeight(account) < HookWeight(job), $"{name}'s migrate ServiceAccount is created after its Job.");
            Assert.Equal(servicePod["nodeSelector"]?.ToJsonString(), pod["spec"]!["nodeSelector"]?.ToJsonString());
            Assert.Equal(servicePod["tolerations"]?.ToJsonString(), pod["spec"]!["tolerations"]?.ToJsonString());
            if (report.OfKind("NetworkPolicy").Any())
            {
                var egress = report.Single("NetworkPolicy", "city-platform-egress")["spec"]!["podSelector"]!["matchLabels"]!.AsObject();
                Assert.All(egress, label => Assert.Equal((string?)label.Value, (string?)pod["metadata"]!["labels"]![label.Key]));
            }

            // and not selected by the service's own Service or PodDisruptionBudget
            Assert.NotEqual((string?)deployment["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/name"],
                (string?)pod["metadata"]!["labels"]!["app.kubernetes.io/name"]);
        }
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void Service_pods_do_not_apply_their_schema_at_start(string values)
    {
        var report = Renders.Render(values);

        Assert.All(ServiceDeployments(report), deployment =>
            Assert.Equal("false", (string?)report.Single("ConfigMap", Name(deployment))["data"]!["Schema__ApplyOnStart"]));
    }

    [Fact]
    public void Without_the_hook_the_services_create_their_schema_at_start()
    {
        var report = DeploymentTools.Validate(DeploymentTools.RenderChart("--set", "migrations.enabled=false"));

        Assert.Empty(report.OfKind("Job"));
        Assert.All(ServiceDeployments(report), deployment =>
            Assert.Equal("true", (string?)report.Single("ConfigMap", Name(deployment))["data"]!["Schema__ApplyOnStart"]));
    }

    [Fact]
    public void A_services_workload_identity_reaches_its_migrate_account_and_a_disabled_service_has_no_Job()
    {
        var report = DeploymentTools.Validate(DeploymentTools.RenderChart(
            "--set", "services.ledger.serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=arn:aws:iam::1:role/ledger",
            "--set", "services.health-records.enabled=false"));

        Assert.Empty(report.Errors);
        Assert.Equal("arn:aws:iam::1:role/ledger",
            (string?)report.Single("ServiceAccount", "city-ledger-migrate")["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]);
        Assert.DoesNotContain(report.OfKind("Job"), job => (string?)job["metadata"]!["name"] == "city-health-records-migrate");
    }

    private static IEnumerable<JsonObject> ServiceDeployments(ValidationReport report) =>
        report.OfKind("Deployment").Where(d => (string?)d["metadata"]!["labels"]!["app.kubernetes.io/component"] == "service");

    private static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    private static int HookWeight(JsonObject o) => int.Parse((string)o["metadata"]!["annotations"]!["helm.sh/hook-weight"]!, System.Globalization.CultureInfo.InvariantCulture);
}
