using System.CommandLine;
using CityServices.Audit.Ledger;
using CityServices.Audit.Output;

namespace CityServices.Audit.Commands;

/// <summary><c>--retries</c>: how patient every HTTP call of a command is (<see cref="RetryPolicy"/>).</summary>
internal sealed class RetryOptions
{
    private readonly Option<int> _retries = new("--retries")
    {
        Description = $"How often one refused (429), unavailable (503) or unreachable call is retried, honouring Retry-After, before the run could not check (exit {ExitCodes.CouldNotCheck}); default {RetryPolicy.Default.Retries}.",
        DefaultValueFactory = _ => RetryPolicy.Default.Retries,
    };

    public void AddTo(Command command) => command.Options.Add(_retries);

    public HttpClient CreateClient(ParseResult parse)
    {
        var retries = parse.GetValue(_retries);
        return retries >= 0
            ? RetryingHandler.CreateClient(RetryPolicy.Default with { Retries = retries })
            : throw new AuditInputException($"--retries takes a number of retries, 0 or more, not {retries}.");
    }
}
