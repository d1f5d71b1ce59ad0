using System.CommandLine;
using CityServices.Audit.Export;
using CityServices.Audit.Ledger;
using CityServices.Audit.Output;
using CityServices.Audit.Verification;

namespace CityServices.Audit.Commands;

/// <summary><c>verify-export</c>: a department's audit export against the anchored log.</summary>
internal static class VerifyExportCommand
{
    /// <param name="terminal">stderr when it is a terminal, for the progress line; null otherwise.</param>
    public static Command Create(TextWriter? terminal)
    {
        var ledger = new Option<string>("--ledger") { Description = "The ledger's URL.", Required = true };
        var export = new Option<string>("--export") { Description = "An NDJSON export file, or a service's export URL (e.g. http://localhost:5000/api/trade/audit/events).", Required = true };
        // No ledger-only mode: an export that agrees with the ledger proves nothing until the ledger's checkpoint is read from the pinned registry.
        var rpc = new Option<string>("--rpc") { Description = "The chain's JSON-RPC URL, where the checkpoint's anchor is read.", Required = true };
        var clientId = new Option<string>("--client-id") { Description = "Your auditor client id, for an export URL." };
        var clientSecret = new Option<string>("--client-secret") { Description = "Its secret." };
        var tokenUrl = new Option<string>("--token-url") { Description = "The OAuth2 token endpoint; default {ledger origin}/connect/token." };
        var json = CommandRunner.JsonOption();
        var command = new Command("verify-export", "Find altered, deleted, inserted and reordered events by comparing an audit export with the log.")
        {
            ledger, export, rpc, clientId, clientSecret, tokenUrl, json,
        };
        var pin = new PinOptions();
        pin.AddTo(command);
        var retries = new RetryOptions();
        retries.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, terminal, async progress =>
        {
            var registry = await pin.ConnectAsync(parse, parse.GetRequiredValue(rpc));
            using var http = retries.CreateClient(parse);
            var ledgerUrl = LedgerAddress.Parse(parse.GetValue(ledger));
            var source = parse.GetRequiredValue(export);
            var lines = AuditExportReader.IsUrl(source)
                ? AuditExportReader.FromUrlAsync(http, new Uri(source), await TokenAsync(parse, http, ledgerUrl, clientId, clientSecret, tokenUrl, cancellationToken), cancellationToken)
                : AuditExportReader.FromFileAsync(source, cancellationToken);
            return await new ExportVerifier(new LedgerClient(http, ledgerUrl), registry, progress).VerifyAsync(lines, cancellationToken);
        }));
        return command;
    }

    private static async Task<string?> TokenAsync(
        ParseResult parse, HttpClient http, Uri ledger, Option<string> clientId, Option<string> clientSecret, Option<string> tokenUrl, CancellationToken cancellationToken)
    {
        if (parse.GetValue(clientId) is not { } id)
        {
            return null;
        }

        var secret = parse.GetValue(clientSecret) ?? throw new AuditInputException("--client-secret is required with --client-id.");
        var endpoint = parse.GetValue(tokenUrl) is { } given ? new Uri(given) : new Uri(new Uri(ledger.GetLeftPart(UriPartial.Authority)), "connect/token");
        return await ClientCredentialsToken.RequestAsync(http, endpoint, id, secret, cancellationToken);
    }
}
