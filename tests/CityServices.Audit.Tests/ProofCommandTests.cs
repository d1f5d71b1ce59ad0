namespace CityServices.Audit.Tests;

/// <summary>verify-inclusion and verify-consistency over the RFC 6962 reference tree of 8 leaves.</summary>
public sealed class ProofCommandTests
{
    private static readonly MerkleTree Tree = ReferenceVectors.Load().Tree();

    [Fact]
    public async Task A_good_inclusion_proof_verifies()
    {
        var run = await Cli.RunAsync(Inclusion(leafIndex: 5, treeSize: 8));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("VERIFIED", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inclusion_proof_with_a_flipped_byte_fails_with_root_mismatch()
    {
        var run = await Cli.RunAsync([.. Inclusion(5, 8, flipPathByte: true), "--json"]);

        Assert.Equal(1, run.ExitCode);
        Assert.False(run.Json().GetProperty("verified").GetBoolean());
        Assert.Equal("rootMismatch", run.Json().GetProperty("failure").GetString());
    }

    [Fact]
    public async Task An_inclusion_proof_checked_at_a_wrong_index_fails_with_root_mismatch()
    {
        var args = Inclusion(5, 8);
        args[Array.IndexOf(args, "--index") + 1] = "4";

        var run = await Cli.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAILED", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("RootMismatch", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inclusion_proof_checked_at_a_wrong_tree_size_fails_and_says_why()
    {
        // leaf 5 of 8 has a 3-hash path; in a tree of 6 it would have 2
        var args = Inclusion(5, 8);
        args[Array.IndexOf(args, "--tree-size") + 1] = "6";

        var run = await Cli.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("WrongProofLength", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_outside_the_tree_fails_with_invalid_position()
    {
        var args = Inclusion(5, 8);
        args[Array.IndexOf(args, "--index") + 1] = "8";

        var run = await Cli.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("InvalidPosition", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 8)]
    [InlineData(4, 8)]
    [InlineData(6, 7)]
    public async Task A_good_consistency_proof_verifies(long first, long second)
    {
        var run = await Cli.RunAsync(Consistency(first, second));

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_consistency_proof_with_a_flipped_byte_fails()
    {
        var run = await Cli.RunAsync([.. Consistency(3, 8, flipProofByte: true), "--json"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("RootMismatch", run.Json().GetProperty("failure").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_consistency_proof_against_a_wrong_first_size_fails()
    {
        var args = Consistency(3, 8);
        args[Array.IndexOf(args, "--first") + 1] = "5";

        var run = await Cli.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAILED", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consistency_proof_for_a_shrinking_tree_fails_with_invalid_position()
    {
        var args = Consistency(3, 8);
        args[Array.IndexOf(args, "--second") + 1] = "2";

        var run = await Cli.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("InvalidPosition", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_option_is_a_usage_error_with_exit_2()
    {
        var run = await Cli.RunAsync("verify-inclusion", "--index", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--leaf-hash", run.Stderr, StringComparison.Ordinal);
    }

    private static string[] Inclusion(long leafIndex, long treeSize, bool flipPathByte = false)
    {
        var path = Tree.InclusionProof(leafIndex, treeSize).Select(hash => Hex.Encode(hash)).ToArray();
        if (flipPathByte)
        {
            path[0] = Flip(path[0]);
        }

        return ["verify-inclusion", "--leaf-hash", Hex.Encode(Tree.LeafHash(leafIndex)), "--index", $"{leafIndex}",
            "--tree-size", $"{treeSize}", "--path", string.Join(',', path), "--root", Hex.Encode(Tree.RootHash(treeSize))];
    }

    private static string[] Consistency(long first, long second, bool flipProofByte = false)
    {
        var proof = Tree.ConsistencyProof(first, second).Select(hash => Hex.Encode(hash)).ToArray();
        if (flipProofByte)
        {
            proof[^1] = Flip(proof[^1]);
        }

        return ["verify-consistency", "--first", $"{first}", "--second", $"{second}", "--first-root", Hex.Encode(Tree.RootHash(first)),
            "--second-root", Hex.Encode(Tree.RootHash(second)), "--proof", string.Join(',', proof)];
    }

    /// <summary>The same hash with its first byte's lowest bit flipped.</summary>
    private static string Flip(string hex)
    {
        var bytes = Hex.Decode(hex);
        bytes[0] ^= 1;
        return Hex.Encode(bytes);
    }
}
