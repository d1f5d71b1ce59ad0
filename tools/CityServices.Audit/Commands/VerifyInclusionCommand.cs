using System.CommandLine;
using CityServices.Audit.Output;
using CityServices.Audit.Verification;
using CityServices.Hashing.Merkle;

namespace CityServices.Audit.Commands;

/// <summary><c>verify-inclusion</c>: one audit path against a root the auditor already trusts.</summary>
internal static class VerifyInclusionCommand
{
    public static Command Create()
    {
        var leafHash = new Option<string>("--leaf-hash") { Description = "The leaf hash, SHA-256(0x00 ‖ leaf data), hex.", Required = true };
        var index = new Option<long>("--index") { Description = "The leaf's 0-based index.", Required = true };
        var treeSize = new Option<long>("--tree-size") { Description = "The size of the tree the root belongs to.", Required = true };
        var path = new Option<string>("--path") { Description = "The audit path, hex hashes separated by commas (empty for a tree of one leaf)." };
        var root = new Option<string>("--root") { Description = "The trusted root hash, hex.", Required = true };
        var json = CommandRunner.JsonOption();
        var command = new Command("verify-inclusion", "Verify an RFC 9162 inclusion proof.") { leafHash, index, treeSize, path, root, json };
        command.SetAction(parse => CommandRunner.RunAsync(parse, json, () =>
        {
            var (i, n) = (parse.GetValue(index), parse.GetValue(treeSize));
            var result = MerkleVerifier.VerifyInclusion(
                i,
                n,
                HashArguments.Hash(parse.GetValue(leafHash), "--leaf-hash"),
                HashArguments.List(parse.GetValue(path), "--path"),
                HashArguments.Hash(parse.GetValue(root), "--root"));
            return Task.FromResult<IAuditResult>(ProofCheckResult.From($"leaf {i} in a tree of size {n}", result));
        }));
        return command;
    }
}
