using System.CommandLine;
using CityServices.Audit.Ledger;
using CityServices.Audit.Output;
using CityServices.Audit.Verification;

namespace CityServices.Audit.Commands;

/// <summary><c>monitor</c>: the whole anchored history is append-only.</summary>
internal static class MonitorCommand
{
    /// <param name="terminal">stderr when it is a terminal, for the progress line; null otherwise.</param>
    public static Command Create(TextWriter? terminal)
    {
        var rpc = new Option<string>("--rpc") { Description = "The chain's JSON-RPC URL.", Required = true };
        var ledger = new Option<string>("--ledger") { Description = "The ledger's URL, for consistency proofs.", Required = true };
        var json = CommandRunner.JsonOption();
        var command = new Command("monitor", "Check that every anchor on chain extends the one before it (RFC 9162 consistency).") { rpc, ledger, json };
        var pin = new PinOptions();
        pin.AddTo(command);
        var retries = new RetryOptions();
        retries.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, terminal, async progress =>
        {
            using var http = retries.CreateClient(parse);
            var monitor = new AnchorHistoryMonitor(
                await pin.ConnectAsync(parse, parse.GetRequiredValue(rpc)),
                new LedgerClient(http, LedgerAddress.Parse(parse.GetValue(ledger))),
                progress);
            return await monitor.RunAsync(cancellationToken);
        }));
        return command;
    }
}
