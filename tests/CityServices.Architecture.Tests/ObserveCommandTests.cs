using System.Diagnostics;

namespace CityServices.Architecture.Tests;

/// <summary>
/// <c>./city up --observe</c>, <c>--otlp URL</c> and <c>CITY_OBSERVE=1</c> (tools/city/observe.sh):
/// what the dashboard is started with, what each service is started with, and the URLs printed,
/// read from the script's own functions without starting anything.
/// </summary>
public sealed class ObserveCommandTests
{
    private const string DashboardUrl = "http://127.0.0.1:58888";
    private const string OtlpGrpcUrl = "http://127.0.0.1:58317";
    private const string OtlpHttpUrl = "http://127.0.0.1:58318";

    [Fact]
    public void Observe_starts_the_dashboard_on_loopback_unsecured_and_points_every_service_at_its_OTLP_port()
    {
        // when up reads --observe
        var run = RunObserve("observe_parse_args --observe; observe_dashboard_environment; echo ---; StartedService; echo ---; observe_print_urls");

        // then the dashboard listens on loopback only, in its unsecured local mode
        Assert.Equal(0, run.ExitCode);
        var parts = run.Output.Split("---\n");
        var dashboard = Lines(parts[0]);
        Assert.Contains($"ASPNETCORE_URLS={DashboardUrl}", dashboard);
        Assert.Contains($"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL={OtlpGrpcUrl}", dashboard);
        Assert.Contains($"ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL={OtlpHttpUrl}", dashboard);
        Assert.Contains("ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true", dashboard);
        Assert.All(dashboard.Where(line => line.Contains("://", StringComparison.Ordinal)),
            line => Assert.Contains("://127.0.0.1:", line, StringComparison.Ordinal));

        // and a service is started with the dashboard's OTLP endpoint
        Assert.Contains($"OTEL_EXPORTER_OTLP_ENDPOINT={OtlpGrpcUrl}", Lines(parts[1]));

        // and the URLs printed with the others name the dashboard and its OTLP ports
        Assert.Contains(DashboardUrl, parts[2], StringComparison.Ordinal);
        Assert.Contains($"{OtlpGrpcUrl} (gRPC), {OtlpHttpUrl} (HTTP)", parts[2], StringComparison.Ordinal);
    }

    [Fact]
    public void CITY_OBSERVE_1_asks_for_the_same_as_observe()
    {
        var run = RunObserve("observe_parse_args; echo \"$OBSERVE_MODE\"; StartedService", ("CITY_OBSERVE", "1"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("dashboard", Lines(run.Output)[0]);
        Assert.Contains($"OTEL_EXPORTER_OTLP_ENDPOINT={OtlpGrpcUrl}", Lines(run.Output));
    }

    [Fact]
    public void Otlp_sends_every_service_to_the_users_endpoint_and_starts_no_dashboard()
    {
        var run = RunObserve("observe_parse_args --otlp http://collector.example:4317; echo \"$OBSERVE_MODE\"; StartedService; echo ---; observe_print_urls");

        Assert.Equal(0, run.ExitCode);
        var parts = run.Output.Split("---\n");
        Assert.Equal("external", Lines(parts[0])[0]);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT=http://collector.example:4317", Lines(parts[0]));
        Assert.Contains("http://collector.example:4317 (yours)", parts[1], StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardUrl, parts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_observe_a_service_is_given_no_OTLP_endpoint_and_nothing_more_is_printed()
    {
        var run = RunObserve("observe_parse_args; StartedService; echo ---; observe_print_urls");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Output.Split("---\n")[1]);
    }

    [Theory]
    [InlineData("--otlp", "--otlp needs the URL")]
    [InlineData("--otlp collector:4317", "is not an http(s)://host:port URL")]
    [InlineData("--obsreve", "'--obsreve' is not an option of up")]
    public void A_malformed_option_is_refused_with_what_is_wrong(string arguments, string message)
    {
        var run = RunObserve($"observe_parse_args {arguments}");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_views_ports_are_documented_and_clash_with_no_other_port_of_the_local_run()
    {
        var run = RunObserve(
            "echo $OBSERVE_DASHBOARD_PORT $OBSERVE_OTLP_GRPC_PORT $OBSERVE_OTLP_HTTP_PORT; "
            + "echo $POSTGRES_PORT $RABBITMQ_PORT $RABBITMQ_DIST_PORT $EPMD_PORT $ANVIL_PORT $(seq $RABBITMQ_CLI_PORT_MIN $RABBITMQ_CLI_PORT_MAX); "
            + "deployable_rows; for row in \"${DEPLOYABLE_ROWS[@]}\"; do read -r _ port _ <<<\"$row\"; echo $port $(metrics_port $port); done");

        Assert.Equal(0, run.ExitCode);
        var lines = Lines(run.Output);
        var view = Ports(lines[0]);
        var others = lines.Skip(1).SelectMany(Ports).ToList();
        Assert.Equal([58888, 58317, 58318], view);
        Assert.Empty(view.Intersect(others));
        var documented = File.ReadAllText(Repository.PathOf("docs", "architecture.md"));
        Assert.All(view, port => Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), documented, StringComparison.Ordinal));
    }

    private static List<int> Ports(string line) =>
        [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))];

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>
    /// Runs <paramref name="script"/> after sourcing ./city's files as ./city does. <c>StartedService</c>
    /// prints the environment <c>deployable_start</c> starts the ledger with (its process start replaced).
    /// </summary>
    private static (int ExitCode, string Output, string Error) RunObserve(string script, params (string Name, string Value)[] environment)
    {
        const string Prelude = """
            set -euo pipefail
            source tools/city/lib.sh
            for file in tools/city/*.sh; do [[ "$file" == */lib.sh ]] || source "$file"; done
            StartedService() (
              deployable_dll() { printf '%s/tools/city/lib.sh' "$CITY_ROOT"; }
              deployable_pid() { return 1; }
              port_is_bound() { return 1; }
              start_background() { shift; printf '%s\n' "$@" | grep -E '^[A-Za-z_]+=' ; }
              deployable_start ledger 5106 services/Ledger/CityServices.Ledger - -
            )

            """;
        var start = new ProcessStartInfo("bash", ["-c", Prelude + script])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CITY_ROOT"] = Repository.Root;
        start.Environment.Remove("CITY_OBSERVE");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
