using System.CommandLine;
using CityServices.Audit.Output;
using CityServices.Audit.Verification;

namespace CityServices.Audit.Commands;

/// <summary><c>root --leaves FILE</c>. Named TreeRoot so it never shadows System.CommandLine's RootCommand.</summary>
internal static class TreeRootCommand
{
    public static Command Create()
    {
        var leaves = new Option<FileInfo>("--leaves") { Description = "A file of leaf data, one hex string per line; an empty line is the empty leaf.", Required = true };
        var json = CommandRunner.JsonOption();
        var command = new Command("root", "Print the RFC 9162 tree head (lowercase hex) of the leaf data in a file.") { leaves, json };
        command.SetAction(parse => CommandRunner.RunAsync(parse, json, () =>
            Task.FromResult<IAuditResult>(TreeHead.OfLeafFile(parse.GetRequiredValue(leaves).FullName))));
        return command;
    }
}
