using System.CommandLine;
using System.Text.Json;
using CityServices.Audit.Commands;
using CityServices.Audit.Output;

namespace CityServices.Audit;

/// <summary>The tool's entry: every command, parsed and run against the given writers (tests pass their own).</summary>
public static class AuditCli
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, errorIsTerminal: false, cancellationToken);

    /// <param name="args">The command line.</param>
    /// <param name="output">Where the result goes (stdout).</param>
    /// <param name="error">Where usage errors and, on a terminal, the progress line go (stderr).</param>
    /// <param name="errorIsTerminal">Whether <paramref name="error"/> is a terminal: only then is progress shown.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool errorIsTerminal, CancellationToken cancellationToken = default)
    {
        var terminal = errorIsTerminal ? error : null;
        var root = new RootCommand("city-audit: verify CityServices events, receipts, audit exports and anchors against the chain.")
        {
            TreeRootCommand.Create(),
            VerifyInclusionCommand.Create(),
            VerifyConsistencyCommand.Create(),
            VerifyEventCommand.Create(),
            MonitorCommand.Create(terminal),
            VerifyExportCommand.Create(terminal),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage mistakes get their own exit code, so scripts tell them from a failed verification.
            var problems = string.Join(" ", parse.Errors.Select(problem => problem.Message));
            await error.WriteLineAsync(problems);
            if (args.Contains("--json"))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new ErrorResult(problems), AuditJson.Options));
            }

            return ExitCodes.UsageOrInputError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
