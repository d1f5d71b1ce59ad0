namespace CityServices.Hashing.Tests.Merkle;

public class MerklePlannerTests
{
    [Fact]
    public void The_audit_path_of_leaf_5_of_8_reads_leaf_4_the_pair_6_7_and_the_left_half()
    {
        var plan = MerklePlanner.Inclusion(5, 8);

        Assert.Equal([new NodeId(0, 4), new NodeId(1, 3), new NodeId(2, 0)], plan.Nodes);
    }

    [Fact]
    public void The_audit_path_of_leaf_0_of_7_assembles_the_incomplete_right_edge_from_its_complete_parts()
    {
        var plan = MerklePlanner.Inclusion(0, 7);

        var rightHalf = plan.Elements[^1];

        Assert.Equal((4L, 7L), (rightHalf.Start, rightHalf.End));
        Assert.Equal([new NodeId(1, 2), new NodeId(0, 6)], rightHalf.Parts);
        Assert.Equal([new NodeId(0, 1), new NodeId(1, 1), new NodeId(1, 2), new NodeId(0, 6)], plan.Nodes);
    }

    [Fact]
    public void The_tree_head_of_13_leaves_is_made_of_the_complete_subtrees_of_8_4_and_1_leaves()
    {
        var plan = MerklePlanner.TreeHead(13);

        Assert.Equal([new NodeId(3, 0), new NodeId(2, 2), new NodeId(0, 12)], plan.Parts);
    }

    [Fact]
    public void A_consistency_proof_from_a_power_of_two_leaves_out_the_first_root_which_the_verifier_holds()
    {
        var plan = MerklePlanner.Consistency(4, 8);

        Assert.Equal([new NodeId(2, 1)], plan.Nodes);
    }

    [Fact]
    public void Consistency_from_the_empty_tree_or_to_the_same_size_needs_no_nodes()
    {
        Assert.Empty(MerklePlanner.Consistency(0, 8).Nodes);
        Assert.Empty(MerklePlanner.Consistency(8, 8).Nodes);
        Assert.Empty(MerklePlanner.TreeHead(0).Parts);
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(-1, 8)]
    [InlineData(0, 0)]
    public void Planning_an_inclusion_proof_for_a_leaf_outside_the_tree_is_a_caller_error(long leafIndex, long treeSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerklePlanner.Inclusion(leafIndex, treeSize));
    }

    [Theory]
    [InlineData(9, 8)]
    [InlineData(-1, 8)]
    public void Planning_a_consistency_proof_for_a_shrinking_tree_is_a_caller_error(long first, long second)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerklePlanner.Consistency(first, second));
    }

    [Fact]
    public void Every_planned_proof_of_every_leaf_and_pair_of_sizes_up_to_200_has_the_length_the_verifier_expects()
    {
        var leaves = RandomLeaves.Hashes(new Random(200), 200);
        var tree = new MerkleTree(leaves);
        var roots = Enumerable.Range(0, 201).Select(n => tree.RootHash(n)).ToArray();

        for (var n = 1; n <= 200; n++)
        {
            for (var m = 1; m <= n; m++)
            {
                var inclusion = MerkleVerifier.VerifyInclusion(m - 1, n, leaves[m - 1], tree.InclusionProof(m - 1, n), roots[n]);
                var consistency = MerkleVerifier.VerifyConsistency(m, n, roots[m], roots[n], tree.ConsistencyProof(m, n));

                Assert.True(inclusion.IsValid, $"leaf {m - 1} of {n}: {inclusion}");
                Assert.True(consistency.IsValid, $"{m} -> {n}: {consistency}");
            }
        }
    }
}
