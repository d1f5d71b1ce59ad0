using System.CommandLine;
using CityServices.Audit.Ledger;
using CityServices.Audit.Output;
using CityServices.Audit.Verification;

namespace CityServices.Audit.Commands;

/// <summary><c>verify-event</c>: one receipt (chain alone) or one audit-export line (its proof from the ledger).</summary>
internal static class VerifyEventCommand
{
    public static Command Create()
    {
        var rpc = new Option<string>("--rpc") { Description = "The chain's JSON-RPC URL.", Required = true };
        var eventFile = new Option<FileInfo>("--event") { Description = "A receipt {record, data, proof} or an audit-export line {record, data}.", Required = true };
        var ledger = new Option<string>("--ledger") { Description = "The ledger's URL, to fetch the proof of an export line (a receipt needs none)." };
        var json = CommandRunner.JsonOption();
        var command = new Command("verify-event", "Verify one event from its data up to an anchor on chain.") { rpc, eventFile, ledger, json };
        var pin = new PinOptions();
        pin.AddTo(command);
        var retries = new RetryOptions();
        retries.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, async () =>
        {
            var file = parse.GetRequiredValue(eventFile);
            var document = EventDocument.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken), file.Name);
            using var http = retries.CreateClient(parse);
            Func<Guid, Task<ProofAnswer>>? fetch = parse.GetValue(ledger) is { } url
                ? id => new LedgerClient(http, LedgerAddress.Parse(url)).ProofAsync(id, null, cancellationToken)
                : null;
            var verifier = new EventVerifier(await pin.ConnectAsync(parse, parse.GetRequiredValue(rpc)));
            return await verifier.VerifyAsync(document, fetch);
        }));
        return command;
    }
}
