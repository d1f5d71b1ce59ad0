using CityServices.Audit;

namespace CityServices.Audit.Tests.Support;

/// <summary>city-audit run in-process, as a shell would run it, with stdout and stderr captured.</summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AuditCli.RunAsync(args, output, error, Ct);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The one JSON object a <c>--json</c> run prints.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
