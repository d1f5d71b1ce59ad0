using System.Numerics;

namespace CityServices.Hashing.Tests.Merkle;

/// <summary>
/// The database-shaped path — plan, fetch the planned complete subtrees, assemble — must give
/// byte for byte what RFC 9162's recursive definitions give, reading O(log n) nodes.
/// </summary>
public class StoredNodeProofTests
{
    private const int ExhaustiveSize = 300;

    private static readonly byte[][] Leaves = RandomLeaves.Hashes(new Random(9162), 5000);
    private static readonly StoredLog Log = new(Leaves);
    private static readonly ReferenceMerkle Reference = new(Leaves);

    [Fact]
    public void Tree_heads_from_stored_nodes_equal_the_recursive_definition_for_every_size_up_to_300()
    {
        for (var n = 0; n <= ExhaustiveSize; n++)
        {
            var root = TreeHead(n);

            Assert.Equal(Hex.Encode(Reference.Mth(0, n)), Hex.Encode(root));
        }
    }

    [Fact]
    public void Inclusion_proofs_from_stored_nodes_equal_the_recursive_definition_for_every_leaf_of_every_size_up_to_300()
    {
        for (var n = 1; n <= ExhaustiveSize; n++)
        {
            for (var m = 0; m < n; m++)
            {
                AssertInclusionMatchesReference(m, n);
            }
        }
    }

    [Fact]
    public void Consistency_proofs_from_stored_nodes_equal_the_recursive_definition_for_every_pair_of_sizes_up_to_300()
    {
        for (var n = 1; n <= ExhaustiveSize; n++)
        {
            for (var m = 1; m <= n; m++)
            {
                AssertConsistencyMatchesReference(m, n);
            }
        }
    }

    [Theory]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(1000)]
    [InlineData(4097)]
    [InlineData(5000)]
    public void Proofs_from_stored_nodes_equal_the_recursive_definition_in_larger_trees(int n)
    {
        var random = new Random(n);

        var root = TreeHead(n);

        Assert.Equal(Hex.Encode(Reference.Mth(0, n)), Hex.Encode(root));
        foreach (var m in new[] { 0, n - 1, n / 2 }.Concat(Enumerable.Range(0, 100).Select(_ => random.Next(n))))
        {
            AssertInclusionMatchesReference(m, n);
        }

        foreach (var m in new[] { 1, n - 1, n }.Concat(Enumerable.Range(0, 100).Select(_ => random.Next(1, n + 1))))
        {
            AssertConsistencyMatchesReference(m, n);
        }
    }

    [Fact]
    public void A_proof_reads_at_most_two_stored_nodes_per_level_of_the_tree()
    {
        var random = new Random(6962);
        foreach (var n in Enumerable.Range(0, 2000).Select(_ => random.NextInt64(1, long.MaxValue >> random.Next(62))))
        {
            var m = random.NextInt64(n);
            var levels = 64 - BitOperations.LeadingZeroCount((ulong)n);

            var inclusion = MerklePlanner.Inclusion(m, n);
            var consistency = MerklePlanner.Consistency(Math.Max(1, m), n);

            Assert.InRange(inclusion.Nodes.Count, 0, 2 * levels);
            Assert.InRange(consistency.Nodes.Count, 0, 2 * levels);
            Assert.InRange(MerklePlanner.TreeHead(n).Parts.Count, 1, levels);
        }
    }

    [Fact]
    public void At_most_one_hash_of_a_proof_is_an_incomplete_subtree()
    {
        for (var n = 1; n <= ExhaustiveSize; n++)
        {
            for (var m = 0; m < n; m++)
            {
                var inclusion = MerklePlanner.Inclusion(m, n);
                var consistency = MerklePlanner.Consistency(m + 1, n);

                Assert.InRange(inclusion.Elements.Count(e => e.Parts.Count > 1), 0, 1);
                Assert.InRange(consistency.Elements.Count(e => e.Parts.Count > 1), 0, 1);
            }
        }
    }

    [Fact]
    public void Assembling_without_a_planned_node_in_the_store_names_the_missing_node()
    {
        var plan = MerklePlanner.Inclusion(5, 8);

        var error = Assert.Throws<InvalidOperationException>(() => plan.Assemble(_ => null));

        Assert.Contains("(level 0, index 4)", error.Message, StringComparison.Ordinal);
    }

    private static byte[] TreeHead(int n)
    {
        var plan = MerklePlanner.TreeHead(n);
        return plan.Assemble(Log.ReadOnly([.. plan.Parts], n));
    }

    private static void AssertInclusionMatchesReference(int m, int n)
    {
        var plan = MerklePlanner.Inclusion(m, n);

        var proof = plan.Assemble(Log.ReadOnly(plan.Nodes, n));

        Assert.Equal(Reference.Path(m, n).Select(hash => Hex.Encode(hash)), proof.Select(hash => Hex.Encode(hash)));
    }

    private static void AssertConsistencyMatchesReference(int m, int n)
    {
        var plan = MerklePlanner.Consistency(m, n);

        var proof = plan.Assemble(Log.ReadOnly(plan.Nodes, n));

        Assert.Equal(Reference.Proof(m, n).Select(hash => Hex.Encode(hash)), proof.Select(hash => Hex.Encode(hash)));
    }
}
