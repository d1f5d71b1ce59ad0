using System.CommandLine;
using CityServices.Audit.Output;
using CityServices.Audit.Verification;
using CityServices.Hashing.Merkle;

namespace CityServices.Audit.Commands;

/// <summary><c>verify-consistency</c>: the second tree head extends the first, given both roots the auditor trusts.</summary>
internal static class VerifyConsistencyCommand
{
    public static Command Create()
    {
        var first = new Option<long>("--first") { Description = "The size of the older tree.", Required = true };
        var second = new Option<long>("--second") { Description = "The size of the newer tree.", Required = true };
        var firstRoot = new Option<string>("--first-root") { Description = "The older tree's root, hex.", Required = true };
        var secondRoot = new Option<string>("--second-root") { Description = "The newer tree's root, hex.", Required = true };
        var proof = new Option<string>("--proof") { Description = "The consistency proof, hex hashes separated by commas." };
        var json = CommandRunner.JsonOption();
        var command = new Command("verify-consistency", "Verify an RFC 9162 consistency proof.") { first, second, firstRoot, secondRoot, proof, json };
        command.SetAction(parse => CommandRunner.RunAsync(parse, json, () =>
        {
            var (m, n) = (parse.GetValue(first), parse.GetValue(second));
            var result = MerkleVerifier.VerifyConsistency(
                m,
                n,
                HashArguments.Hash(parse.GetValue(firstRoot), "--first-root"),
                HashArguments.Hash(parse.GetValue(secondRoot), "--second-root"),
                HashArguments.List(parse.GetValue(proof), "--proof"));
            return Task.FromResult<IAuditResult>(ProofCheckResult.From($"tree of size {m} extended to size {n}", result));
        }));
        return command;
    }
}
