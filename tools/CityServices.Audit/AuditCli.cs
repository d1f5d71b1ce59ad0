using System.CommandLine;
using System.Text.Json;
using CityServices.Audit.Commands;
using CityServices.Audit.Output;

namespace CityServices.Audit;

/// <summary>The tool's entry: every command, parsed and run against the given writers (tests pass their own).</summary>
public static class AuditCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("city-audit: verify CityServices events, receipts, audit exports and anchors against the chain.")
        {
            TreeRootCommand.Create(),
            VerifyInclusionCommand.Create(),
            VerifyConsistencyCommand.Create(),
            VerifyEventCommand.Create(),
            MonitorCommand.Create(),
            VerifyExportCommand.Create(),
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
