using System.Text.RegularExpressions;

namespace CityServices.Deployment.Tests;

public sealed partial class ChartTests
{
    [Theory]
    [InlineData("values.yaml")]
    [InlineData("values-dev.yaml")]
    [InlineData("values-prod.yaml")]
    public void Helm_lint_strict_passes(string valuesFile)
    {
        var result = DeploymentTools.Run(DeploymentTools.Helm,
            ["lint", "--strict", DeploymentTools.ChartDir, "-f", Path.Combine(DeploymentTools.ChartDir, valuesFile)]);

        Assert.True(result.ExitCode == 0, $"helm lint --strict -f {valuesFile}:\n{result.Stdout}\n{result.Stderr}");
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void Every_rendered_object_validates_against_the_Kubernetes_schemas(string values)
    {
        var report = Renders.Render(values);

        Assert.Empty(report.Errors);
        Assert.True(report.Validated >= 10, $"only {report.Validated} objects validated");
        // The only objects without a Kubernetes schema are the optional PrometheusRule and
        // ServiceMonitor of the Prometheus Operator (checked by kind).
        Assert.All(report.Objects.Where(o => !((string)o["apiVersion"]!).Contains(".k8s.io", StringComparison.Ordinal)
                                             && ((string)o["apiVersion"]!).Contains('.', StringComparison.Ordinal)),
            o => Assert.True((string?)o["kind"] is "PrometheusRule" or "ServiceMonitor", $"{o["kind"]} has no schema"));
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void Every_pod_runs_non_root_read_only_without_privileges_and_with_limits(string values)
    {
        var pods = Renders.PodSpecs(Renders.Render(values)).ToList();

        Assert.NotEmpty(pods);
        foreach (var (owner, pod) in pods)
        {
            Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true, $"{owner}: pod runAsNonRoot");
            Assert.True((int?)pod["securityContext"]?["runAsUser"] > 0, $"{owner}: pod runAsUser is a non-root uid");
            Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]?["seccompProfile"]?["type"]);
            Assert.False((bool?)pod["automountServiceAccountToken"] ?? true, $"{owner}: no service account token");
            foreach (var c in Renders.Containers(pod))
            {
                var name = $"{owner} container {c["name"]}";
                var sc = c["securityContext"];
                Assert.True((bool?)sc?["runAsNonRoot"] == true, $"{name}: runAsNonRoot");
                Assert.True((bool?)sc?["allowPrivilegeEscalation"] == false, $"{name}: allowPrivilegeEscalation false");
                Assert.True((bool?)sc?["readOnlyRootFilesystem"] == true, $"{name}: readOnlyRootFilesystem");
                Assert.Contains("ALL", sc?["capabilities"]?["drop"]?.AsArray().Select(d => (string?)d) ?? []);
                Assert.NotEqual(true, (bool?)sc?["privileged"]);
                foreach (var part in new[] { "requests", "limits" })
                {
                    Assert.True(c["resources"]?[part]?["cpu"] is not null && c["resources"]?[part]?["memory"] is not null,
                        $"{name}: resources.{part} cpu and memory");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void Every_deployment_probes_health_and_has_a_writable_tmp(string values)
    {
        var report = Renders.Render(values);

        foreach (var deployment in report.OfKind("Deployment"))
        {
            var pod = deployment["spec"]!["template"]!["spec"]!.AsObject();
            var container = Renders.Containers(pod).Single();
            var name = (string?)deployment["metadata"]!["name"];
            Assert.Equal("/health/live", (string?)container["startupProbe"]?["httpGet"]?["path"]);
            Assert.Equal("/health/live", (string?)container["livenessProbe"]?["httpGet"]?["path"]);
            Assert.Equal("/health/ready", (string?)container["readinessProbe"]?["httpGet"]?["path"]);
            var tmp = container["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == "/tmp")!;
            var volume = pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)tmp["name"])!;
            Assert.True(volume["emptyDir"] is not null, $"{name}: /tmp is an emptyDir");
            Assert.Equal(8080, (int?)container["ports"]![0]!["containerPort"]);
            Assert.Equal(name, (string?)pod["serviceAccountName"]);
            Assert.Contains(report.Objects, o => (string?)o["kind"] == "PodDisruptionBudget" && (string?)o["metadata"]!["name"] == name);
            Assert.Contains(report.Objects, o => (string?)o["kind"] == "Service" && (string?)o["metadata"]!["name"] == name);
            Assert.Contains(report.Objects, o => (string?)o["kind"] == "ConfigMap" && (string?)o["metadata"]!["name"] == name);
        }
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void No_secret_is_inline(string values)
    {
        var report = Renders.Render(values);

        Assert.Empty(report.OfKind("Secret"));
        foreach (var (owner, pod) in Renders.PodSpecs(report))
        {
            foreach (var c in Renders.Containers(pod))
            {
                foreach (var env in c["env"]?.AsArray() ?? [])
                {
                    var envName = (string)env!["name"]!;
                    if (SecretLikeName().IsMatch(envName))
                    {
                        Assert.True(env["value"] is null && env["valueFrom"]?["secretKeyRef"] is not null,
                            $"{owner}: {envName} must come from a secretKeyRef");
                    }
                }
            }
        }

        foreach (var configMap in report.OfKind("ConfigMap"))
        {
            foreach (var (key, value) in configMap["data"]?.AsObject() ?? [])
            {
                var text = (string?)value ?? "";
                // The setting's own name (its last segment): Identity__Tokens__Issuer is in a section
                // named Tokens but is no token; Identity__Tokens__SigningKey would be a secret.
                var setting = key[(key.LastIndexOf("__", StringComparison.Ordinal) + 1)..];
                Assert.False(SecretLikeSetting().IsMatch(setting) || key.Contains("ConnectionStrings", StringComparison.OrdinalIgnoreCase),
                    $"ConfigMap {configMap["metadata"]!["name"]}: {key} looks like a secret");
                Assert.False(SecretLikeValue().IsMatch(text), $"ConfigMap {configMap["metadata"]!["name"]}: {key} holds a credential");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void Network_policies_deny_by_default_and_expose_only_the_gateway(string values)
    {
        var report = Renders.Render(values);
        var policies = report.OfKind("NetworkPolicy").ToList();

        var deny = report.Single("NetworkPolicy", "city-default-deny");
        Assert.Equal(["Ingress", "Egress"], deny["spec"]!["policyTypes"]!.AsArray().Select(t => (string)t!));
        Assert.Null(deny["spec"]!["ingress"]);
        Assert.Null(deny["spec"]!["egress"]);

        // Services accept traffic only from pods of this release (gateway, audit/test clients) and the scraper.
        var services = report.Single("NetworkPolicy", "city-services");
        foreach (var rule in services["spec"]!["ingress"]!.AsArray())
        {
            var from = rule!["from"]?.AsArray();
            Assert.True(from is { Count: > 0 }, "the services' ingress must name its peers");
            Assert.All(from!, peer => Assert.True(peer!["ipBlock"] is null, "no ipBlock into services"));
        }

        // Egress of services: exactly PostgreSQL, RabbitMQ, chain RPC, identity (and OTLP when set), DNS elsewhere.
        var egress = report.Single("NetworkPolicy", "city-platform-egress")["spec"]!["egress"]!.AsArray();
        Assert.InRange(egress.Count, 4, 5);
        Assert.NotNull(report.Single("NetworkPolicy", "city-allow-dns"));

        var gatewayOn = report.OfKind("Deployment").Any(d => (string?)d["metadata"]!["name"] == "city-gateway");
        Assert.Equal(gatewayOn, policies.Any(p => (string?)p["metadata"]!["name"] == "city-gateway"));
        foreach (var ingress in report.OfKind("Ingress"))
        {
            foreach (var rule in ingress["spec"]!["rules"]!.AsArray())
            {
                foreach (var path in rule!["http"]!["paths"]!.AsArray())
                {
                    Assert.Equal("city-gateway", (string?)path!["backend"]!["service"]!["name"]);
                }
            }
        }

        if (!gatewayOn)
        {
            Assert.Empty(report.OfKind("Ingress"));
        }
    }

    [Fact]
    public void Every_service_folder_has_its_deployment_and_values_entry()
    {
        var report = Renders.Render("default");
        var folders = Renders.ServiceFolders();

        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            var alias = Renders.ServiceAlias(folder);
            var deployment = report.Single("Deployment", $"city-{alias}");
            Assert.Equal("service", (string?)deployment["metadata"]!["labels"]!["app.kubernetes.io/component"]);
            var project = Directory.GetDirectories(Path.Combine(DeploymentTools.Root, "services", folder))
                .Single(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")));
            var values = File.ReadAllText(Path.Combine(DeploymentTools.ChartDir, "values.yaml"));
            Assert.Contains($"project: services/{folder}/{Path.GetFileName(project)}", values, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Gateway_is_enabled_by_default_and_can_be_disabled()
    {
        var byDefault = Renders.Render("default");
        Assert.NotNull(byDefault.Single("Deployment", "city-gateway"));
        Assert.NotNull(byDefault.Single("Ingress", "city-gateway"));
        Assert.NotNull(byDefault.Single("NetworkPolicy", "city-gateway"));
        Assert.Contains("city-gateway:8080/health/ready", byDefault.Single("Pod", "city-test-ready")["spec"]!.ToJsonString(), StringComparison.Ordinal);

        var prod = Renders.Render("prod");
        Assert.NotNull(prod.Single("Deployment", "city-gateway"));
        Assert.NotNull(prod.Single("HorizontalPodAutoscaler", "city-gateway"));

        var off = Renders.Render("no-gateway");
        Assert.DoesNotContain(off.Objects, o => (string?)o["metadata"]?["name"] == "city-gateway");
        Assert.Empty(off.OfKind("Ingress"));
        Assert.Contains("city-ledger:8080/health/ready", off.Single("Pod", "city-test-ready")["spec"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("health-records-off")]
    public void The_gateway_has_a_destination_for_every_enabled_service_at_its_Service(string values)
    {
        var report = values == "health-records-off"
            ? DeploymentTools.Validate(DeploymentTools.RenderChart("--set", "services.health-records.enabled=false"))
            : Renders.Render(values);
        var config = report.Single("ConfigMap", "city-gateway")["data"]!.AsObject();
        var services = report.OfKind("Deployment")
            .Where(d => (string?)d["metadata"]!["labels"]!["app.kubernetes.io/component"] == "service")
            .Select(d => (string)d["metadata"]!["labels"]!["app.kubernetes.io/name"]!)
            .ToList();

        Assert.Contains("ledger", services);
        var destinations = config.Where(p => p.Key.StartsWith("ReverseProxy__Clusters__", StringComparison.Ordinal)).ToList();
        Assert.Equal(services.Order(), destinations.Select(p => p.Key.Split("__")[2]).Order());
        foreach (var service in services)
        {
            // The cluster and destination ids the gateway's generated routes name: <service>, <service>-1.
            var address = (string?)config[$"ReverseProxy__Clusters__{service}__Destinations__{service}-1__Address"];
            var target = report.Single("Service", $"city-{service}");
            Assert.Equal($"http://city-{service}:{(int)target["spec"]!["ports"]![0]!["port"]!}/", address);
            Assert.Equal(service, (string?)target["spec"]!["selector"]!["app.kubernetes.io/name"]);
        }

        if (values == "health-records-off")
        {
            Assert.DoesNotContain(destinations, p => p.Key.Contains("health-records", StringComparison.Ordinal));
        }

        // The gateway's routes (generated from tools/city/deployables by ./city routes) name these
        // clusters; a destination for another would be ignored.
        var gatewaySettings = File.ReadAllText(Path.Combine(DeploymentTools.Root, "gateway", "CityServices.Gateway", "appsettings.Routes.json"));
        Assert.All(services, s => Assert.Contains($"\"{s}-1\"", gatewaySettings, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void The_gateway_sits_behind_the_ingress_without_exposing_metrics(string values)
    {
        var report = Renders.Render(values);
        if (report.OfKind("Ingress").SingleOrDefault() is not { } ingress)
        {
            Assert.Equal("no-gateway", values);
            return;
        }

        var config = report.Single("ConfigMap", "city-gateway")["data"]!;
        Assert.Equal("true", (string?)config["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        var allowed = ((string)config["AllowedHosts"]!).Split(';');
        var rules = ingress["spec"]!["rules"]!.AsArray();
        foreach (var rule in rules)
        {
            Assert.Contains((string)rule!["host"]!, allowed);
            var paths = rule["http"]!["paths"]!.AsArray().Select(p => (string)p!["path"]!).ToList();
            Assert.Contains("/api", paths);
            Assert.Contains("/connect", paths);
            Assert.Contains("/.well-known", paths);
            Assert.All(paths, p => Assert.False("/metrics".StartsWith(p, StringComparison.Ordinal), $"{p} routes /metrics to the gateway"));
        }

        // Host filtering would refuse the kubelet's probes (Host = pod IP): they name the Service.
        var container = Renders.Containers(report.Single("Deployment", "city-gateway")["spec"]!["template"]!["spec"]!.AsObject()).Single();
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var host = container[probe]!["httpGet"]!["httpHeaders"]!.AsArray().Single(h => (string?)h!["name"] == "Host")!;
            Assert.Contains((string)host["value"]!, allowed);
        }

        Assert.Contains("city-gateway", allowed); // helm test calls http://city-gateway:8080
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void Identity_and_health_records_secrets_come_only_from_existing_Secrets(string values)
    {
        var report = Renders.Render(values);
        var files = values switch
        {
            "dev" => new[] { "values.yaml", "values-dev.yaml" },
            "prod" => ["values.yaml", "values-prod.yaml"],
            _ => ["values.yaml"],
        };
        var text = string.Join("\n", files.Select(f => File.ReadAllText(Path.Combine(DeploymentTools.ChartDir, f))));

        var expected = new Dictionary<string, string[]>
        {
            ["identity"] =
            [
                "Identity__Tokens__SigningKey",
                .. DepartmentClients.Select(c => $"Identity__Clients__{c}__Secret"),
                "ConnectionStrings__Postgres",
            ],
            ["health-records"] = ["HealthRecords__Encryption__MasterKey", "ConnectionStrings__Postgres"],
        };
        foreach (var (service, secrets) in expected)
        {
            var container = Renders.Containers(report.Single("Deployment", $"city-{service}")["spec"]!["template"]!["spec"]!.AsObject()).Single();
            var env = (container["env"]?.AsArray() ?? []).Select(e => e!.AsObject()).ToList();
            foreach (var name in secrets)
            {
                var entry = env.SingleOrDefault(e => (string?)e["name"] == name);
                Assert.True(entry is not null, $"{service}: {name} is not set");
                Assert.Null(entry!["value"]);
                var reference = entry["valueFrom"]?["secretKeyRef"];
                Assert.True(reference is not null, $"{service}: {name} must come from a secretKeyRef");
                // The Secret is one the values name (existingSecret), never one the chart creates.
                Assert.Contains($"existingSecret: {(string)reference!["name"]!}", text, StringComparison.Ordinal);
            }

            // Every plain env entry (none today) and every ConfigMap key stays clear of these secrets.
            Assert.All(env, e => Assert.True(e["valueFrom"]?["secretKeyRef"] is not null, $"{service}: {e["name"]} is not from a Secret"));
            var config = report.Single("ConfigMap", $"city-{service}")["data"]!.AsObject();
            Assert.All(secrets, name => Assert.False(config.ContainsKey(name), $"{service}: {name} is in the ConfigMap"));
        }

        Assert.Empty(report.OfKind("Secret"));

        // Every configured client has its secret from a Secret, and the other way round.
        var identityConfig = report.Single("ConfigMap", "city-identity")["data"]!.AsObject();
        var configured = identityConfig.Select(p => ClientScopes().Match(p.Key)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        var identityEnv = Renders.Containers(report.Single("Deployment", "city-identity")["spec"]!["template"]!["spec"]!.AsObject()).Single()["env"]!.AsArray();
        var withSecret = identityEnv.Select(e => ClientSecret().Match((string)e!["name"]!)).Where(m => m.Success).Select(m => m.Groups[1].Value).Order().ToList();
        Assert.NotEmpty(configured);
        Assert.Equal(configured, withSecret);
    }

    [Theory]
    [MemberData(nameof(Renders.Names), MemberType = typeof(Renders))]
    public void Identity_and_health_records_are_configured_for_the_cluster(string values)
    {
        var report = Renders.Render(values);

        var records = report.Single("ConfigMap", "city-health-records")["data"]!;
        Assert.Equal("http://city-ledger:8080/", (string?)records["Ledger__BaseUrl"]);
        Assert.Equal("health-records", (string?)records["Service__Name"]);

        // The issuer is the authority every pod validates tokens against.
        var identity = report.Single("ConfigMap", "city-identity")["data"]!;
        var issuer = new Uri((string)identity["Identity__Tokens__Issuer"]!);
        Assert.Equal(issuer, new Uri((string)records["Authentication__Authority"]!));
        Assert.Equal(values == "dev" ? "http" : "https", issuer.Scheme);
        Assert.Equal("identity", (string?)identity["Identity__Clients__identity-department__Department"]);
        Assert.Equal("audit", (string?)identity["Identity__Clients__auditor__Scopes__0"]);

        // health-records reaches the ledger: service-to-service on 8080, in and out.
        var policy = report.Single("NetworkPolicy", "city-services")["spec"]!;
        static bool IsServicePeer(JsonNode? peer) =>
            (string?)peer?["podSelector"]?["matchLabels"]?["app.kubernetes.io/component"] == "service";
        Assert.Contains(policy["ingress"]!.AsArray().SelectMany(r => r!["from"]!.AsArray()), IsServicePeer);
        Assert.Contains(policy["egress"]!.AsArray(), r => r!["to"]!.AsArray().Any(IsServicePeer) && (int?)r["ports"]![0]!["port"] == 8080);

        // The bootstrap hook creates their databases where it creates databases.
        var databases = (string?)report.Single("Job", "city-migrations")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Single(e => (string?)e!["name"] == "DATABASES")!["value"];
        Assert.Equal(["health_records", "identity", "ledger"], databases!.Split(' ').Order());
    }

    [Fact]
    public void Hooks_test_and_cronjob_are_what_the_docs_say()
    {
        var dev = Renders.Render("dev");

        var job = dev.Single("Job", "city-migrations");
        Assert.Equal("pre-install,pre-upgrade", (string?)job["metadata"]!["annotations"]!["helm.sh/hook"]);

        var test = dev.Single("Pod", "city-test-ready");
        Assert.Equal("test", (string?)test["metadata"]!["annotations"]!["helm.sh/hook"]);
        Assert.Contains("city-gateway:8080/health/ready", test["spec"]!.ToJsonString(), StringComparison.Ordinal);

        var cron = dev.Single("CronJob", "city-audit-monitor");
        var args = cron["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => (string?)a).ToList();
        Assert.Equal("monitor", args[0]);
        Assert.Equal("http://anvil:8545", args[args.IndexOf("--rpc") + 1]);
        Assert.Equal("31337:0x5FbDB2315678afecb367f032d93F642f64180aa3", args[args.IndexOf("--registry") + 1]);
        Assert.Equal("http://city-ledger:8080", args[args.IndexOf("--ledger") + 1]);

        var prod = Renders.Render("prod");
        Assert.NotNull(prod.Single("HorizontalPodAutoscaler", "city-ledger"));
        var config = prod.Single("ConfigMap", "city-ledger")["data"]!;
        Assert.Equal("true", (string?)config["Messaging__QuorumQueues"]);
        Assert.Equal("12", (string?)config["Ledger__Confirmations"]);
    }

    [Fact]
    public void The_audit_cronjob_retries_a_could_not_check_until_its_deadline_and_alerts_on_it_apart_from_a_break()
    {
        // city-audit's exit 3 (docs/audit.md): the ledger or the chain refused or was down, nothing proven wrong
        var job = Renders.Render("dev").Single("CronJob", "city-audit-monitor")["spec"]!["jobTemplate"]!["spec"]!;
        var rule = job["podFailurePolicy"]!["rules"]!.AsArray().Single()!;

        Assert.Equal(0, (int)job["backoffLimit"]!);
        Assert.Equal(("Ignore", "city-audit", "In"), ((string?)rule["action"], (string?)rule["onExitCodes"]!["containerName"], (string?)rule["onExitCodes"]!["operator"]));
        Assert.Equal([3], rule["onExitCodes"]!["values"]!.AsArray().Select(value => (int)value!));
        var alerts = Renders.Render("prod").Single("PrometheusRule", "city-alerts")["spec"]!["groups"]!.AsArray()
            .SelectMany(group => group!["rules"]!.AsArray())
            .DistinctBy(rule => (string)rule!["alert"]!)
            .ToDictionary(rule => (string)rule!["alert"]!, rule => rule!);
        Assert.Contains("reason=\"BackoffLimitExceeded\"", (string)alerts["CityAuditMonitorFailed"]["expr"]!, StringComparison.Ordinal);
        Assert.Equal("critical", (string?)alerts["CityAuditMonitorFailed"]["labels"]!["severity"]);
        Assert.Contains("reason=\"DeadlineExceeded\"", (string)alerts["CityAuditMonitorCouldNotCheck"]["expr"]!, StringComparison.Ordinal);
        Assert.Equal("warning", (string?)alerts["CityAuditMonitorCouldNotCheck"]["labels"]!["severity"]);
    }

    [Fact]
    public void Alerts_use_only_metrics_the_code_emits()
    {
        var rule = Renders.Render("prod").Single("PrometheusRule", "city-alerts").ToJsonString();
        var emitted = Directory.EnumerateFiles(Path.Combine(DeploymentTools.Root, "services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => InstrumentName().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace('.', '_')))
            .ToHashSet();

        var used = MetricName().Matches(rule).Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(used);
        foreach (var metric in used)
        {
            var baseName = Regex.Replace(metric, "_(total|seconds)$", "");
            Assert.True(emitted.Contains(baseName), $"alert metric {metric} is not emitted by the code (instruments: {string.Join(", ", emitted)})");
        }
    }

    [Fact]
    public void A_broker_outage_and_a_relay_backlog_are_alerts_and_every_follower_of_revocations_knows_identitys_address()
    {
        var prod = Renders.Render("prod");
        var alerts = prod.Single("PrometheusRule", "city-alerts")["spec"]!["groups"]!.AsArray()
            .SelectMany(group => group!["rules"]!.AsArray())
            // CityMetricsTargetAbsent comes once per component; the alerts read here are single.
            .DistinctBy(rule => (string)rule!["alert"]!)
            .ToDictionary(rule => (string)rule!["alert"]!, rule => (string)rule!["expr"]!);
        Assert.Contains("city_outbox_lag_seconds", alerts["CityOutboxRelayLag"], StringComparison.Ordinal);
        Assert.Contains("> 300", alerts["CityOutboxRelayLag"], StringComparison.Ordinal);
        Assert.Contains("city_outbox_pending", alerts["CityOutboxBacklog"], StringComparison.Ordinal);
        Assert.Contains("city_messaging_broker_connected", alerts["CityBrokerDisconnected"], StringComparison.Ordinal);
        Assert.Contains("city_revocation_synced", alerts["CityRevocationsNotLoaded"], StringComparison.Ordinal);

        foreach (var component in new[] { "city-gateway", "city-health-records", "city-identity" })
        {
            Assert.Equal("http://city-identity:8080/", (string?)prod.Single("ConfigMap", component)["data"]!["Revocation__Source"]);
        }
    }

    [GeneratedRegex("(?i)(password|secret|privatekey|private_key|connectionstrings|token|apikey)")]
    private static partial Regex SecretLikeName();

    /// <summary>The department and auditor clients of identity's appsettings.Development.json.</summary>
    private static readonly string[] DepartmentClients =
        ["identity-department", "health-records-department", "trade-department", "voting-department", "sharing-department", "auditor"];

    [GeneratedRegex("(?i)(password|secret|privatekey|private_key|signingkey|masterkey|apikey|^token$|accesstoken$|refreshtoken$)")]
    private static partial Regex SecretLikeSetting();

    [GeneratedRegex("^Identity__Clients__(.+)__Scopes__0$")]
    private static partial Regex ClientScopes();

    [GeneratedRegex("^Identity__Clients__(.+)__Secret$")]
    private static partial Regex ClientSecret();

    [GeneratedRegex("(?i)(password=|pwd=|://[^/@\\s:]+:[^/@\\s]+@|0x[0-9a-f]{64})")]
    private static partial Regex SecretLikeValue();

    [GeneratedRegex("Create(?:Counter|Histogram|ObservableGauge|Gauge|UpDownCounter)<?[^(]*\\(\\s*\"([a-z0-9_.]+)\"")]
    private static partial Regex InstrumentName();

    [GeneratedRegex("\\b(?:ledger|city)_[a-z_]+\\b")]
    private static partial Regex MetricName();
}
