using System.CommandLine;
using System.Text.Json;
using CityServices.Audit.Chain;
using CityServices.Audit.Ledger;
using CityServices.Hashing;

namespace CityServices.Audit.Output;

/// <summary>
/// Runs a command's verification and renders its result: a refusal or an outage of the ledger, the
/// chain or the export source becomes a <see cref="CouldNotCheckResult"/> (exit 3), an input that
/// cannot be used an <see cref="ErrorResult"/> (exit 2).
/// </summary>
public static class CommandRunner
{
    public static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object on stdout instead of text." };

    /// <param name="parse">The parsed command line.</param>
    /// <param name="json">The command's <c>--json</c>.</param>
    /// <param name="terminal">Where progress may go (stderr when it is a terminal); null for none.</param>
    /// <param name="verify">The verification, given the progress line to update.</param>
    public static async Task<int> RunAsync(ParseResult parse, Option<bool> json, TextWriter? terminal, Func<Progress, Task<IAuditResult>> verify)
    {
        var output = parse.InvocationConfiguration.Output;
        var progress = parse.GetValue(json) || terminal is null ? Progress.None : new Progress(terminal);
        IAuditResult result;
        try
        {
            result = await verify(progress);
        }
        catch (Exception e) when (e is CouldNotCheckException or LedgerException or ChainException or HttpRequestException)
        {
            result = new CouldNotCheckResult(e.Message);
        }
        catch (Exception e) when (e is AuditInputException or IOException or UnauthorizedAccessException or FormatException
            or JsonException or CanonicalJsonException or TaskCanceledException)
        {
            result = new ErrorResult(e.Message);
        }
        finally
        {
            progress.Clear();
        }

        if (parse.GetValue(json))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(result, result.GetType(), AuditJson.Options));
        }
        else
        {
            result.WriteText(output);
        }

        return result switch
        {
            ErrorResult => ExitCodes.UsageOrInputError,
            { Verified: true } => ExitCodes.Verified,
            { Inconclusive: not null } => ExitCodes.CouldNotCheck,
            _ => ExitCodes.NotVerified,
        };
    }

    /// <summary>For commands that report no progress.</summary>
    public static Task<int> RunAsync(ParseResult parse, Option<bool> json, Func<Task<IAuditResult>> verify) =>
        RunAsync(parse, json, null, _ => verify());
}
