using System.CommandLine;
using System.Text.Json;
using CityServices.Audit.Chain;
using CityServices.Audit.Ledger;
using CityServices.Hashing;

namespace CityServices.Audit.Output;

/// <summary>Runs a command's verification and renders its result; failures to read or reach something become an <see cref="ErrorResult"/>.</summary>
public static class CommandRunner
{
    public static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object on stdout instead of text." };

    public static async Task<int> RunAsync(ParseResult parse, Option<bool> json, Func<TextWriter, Task<IAuditResult>> verify)
    {
        var output = parse.InvocationConfiguration.Output;
        var progress = parse.InvocationConfiguration.Error;
        IAuditResult result;
        int exitCode;
        try
        {
            result = await verify(progress);
            exitCode = result.Verified ? ExitCodes.Verified : ExitCodes.NotVerified;
        }
        catch (Exception e) when (e is AuditInputException or IOException or UnauthorizedAccessException or FormatException
            or JsonException or CanonicalJsonException or HttpRequestException or LedgerException or ChainException or TaskCanceledException)
        {
            result = new ErrorResult(e.Message);
            exitCode = ExitCodes.UsageOrInputError;
        }

        if (parse.GetValue(json))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(result, result.GetType(), AuditJson.Options));
        }
        else
        {
            result.WriteText(output);
        }

        return exitCode;
    }
}
