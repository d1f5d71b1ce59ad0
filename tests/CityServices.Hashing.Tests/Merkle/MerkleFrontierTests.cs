using System.Numerics;

namespace CityServices.Hashing.Tests.Merkle;

public class MerkleFrontierTests
{
    private static readonly byte[][] Leaves = RandomLeaves.Hashes(new Random(42), 1500);
    private static readonly ReferenceMerkle Reference = new(Leaves);

    [Fact]
    public void Appending_leaves_one_by_one_yields_every_complete_subtree_exactly_once_with_its_rfc_hash()
    {
        var frontier = MerkleFrontier.Empty;
        var produced = new List<MerkleNode>();

        foreach (var leaf in Leaves)
        {
            var appended = frontier.Append(leaf);
            produced.AddRange(appended.CompletedNodes);
            frontier = appended.Frontier;
        }

        var expected =
            from level in Enumerable.Range(1, 10)
            from index in Enumerable.Range(0, Leaves.Length >> level)
            select $"{level}/{index}/{Hex.Encode(Reference.Mth(index << level, (index + 1) << level))}";
        Assert.Equal(expected.Order(), produced.Select(Describe).Order());
    }

    [Fact]
    public void Each_leaf_completes_exactly_the_subtrees_that_end_with_it()
    {
        var frontier = MerkleFrontier.Empty;

        for (var leaf = 0L; leaf < Leaves.Length; leaf++)
        {
            var appended = frontier.Append(Leaves[leaf]);

            var finished = Enumerable.Range(1, BitOperations.TrailingZeroCount(leaf + 1))
                .Select(level => new NodeId(level, ((leaf + 1) >> level) - 1));
            Assert.Equal(finished, appended.CompletedNodes.Select(n => n.Id));
            frontier = appended.Frontier;
        }
    }

    [Fact]
    public void The_frontier_root_is_the_tree_head_at_every_size()
    {
        var frontier = MerkleFrontier.Empty;

        for (var n = 0; n < Leaves.Length; n++)
        {
            Assert.Equal(Hex.Encode(Reference.Mth(0, n)), Hex.Encode(frontier.RootHash()));
            Assert.Equal(BitOperations.PopCount((ulong)n), frontier.Nodes.Count);
            frontier = frontier.Append(Leaves[n]).Frontier;
        }
    }

    [Fact]
    public void Appending_in_batches_yields_the_same_nodes_in_the_same_order_as_appending_one_by_one()
    {
        var random = new Random(7);
        var oneByOne = new List<MerkleNode>();
        var single = MerkleFrontier.Empty;
        foreach (var leaf in Leaves)
        {
            var appended = single.Append(leaf);
            oneByOne.AddRange(appended.CompletedNodes);
            single = appended.Frontier;
        }

        var batched = new List<MerkleNode>();
        var frontier = MerkleFrontier.Empty;
        while (frontier.Size < Leaves.Length)
        {
            var batch = Leaves.Skip((int)frontier.Size).Take(random.Next(1, 200));
            var appended = frontier.AppendRange(batch);
            batched.AddRange(appended.CompletedNodes);
            frontier = appended.Frontier;
        }

        Assert.Equal(oneByOne.Select(Describe), batched.Select(Describe));
        Assert.Equal(Hex.Encode(single.RootHash()), Hex.Encode(frontier.RootHash()));
    }

    [Fact]
    public void A_frontier_reloaded_from_stored_nodes_continues_the_log_as_if_never_reloaded()
    {
        var log = new StoredLog(Leaves);
        var whole = MerkleFrontier.Empty.AppendRange(Leaves);

        foreach (var size in new[] { 0, 1, 2, 3, 255, 256, 257, 1000, 1499 })
        {
            var reloaded = MerkleFrontier.Load(size, log.Nodes.GetValueOrDefault);
            var continued = reloaded.AppendRange(Leaves.Skip(size));

            Assert.Equal(Hex.Encode(whole.Frontier.RootHash()), Hex.Encode(continued.Frontier.RootHash()));
            Assert.Equal(
                whole.CompletedNodes.Where(n => n.Id.FirstLeaf + n.Id.LeafCount > size).Select(Describe),
                continued.CompletedNodes.Select(Describe));
        }
    }

    [Fact]
    public void Appending_a_leaf_hash_that_is_not_32_bytes_is_refused()
    {
        var frontier = MerkleFrontier.Empty;

        Assert.Throws<ArgumentException>(() => frontier.Append(new byte[31]));
        Assert.Throws<ArgumentException>(() => frontier.AppendRange([Leaves[0], null!]));
    }

    [Fact]
    public void Loading_a_frontier_whose_nodes_are_not_stored_names_the_missing_node()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MerkleFrontier.Load(6, _ => null));

        Assert.Contains("(level 2, index 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frontier_keeps_its_own_copy_of_the_leaf_hash()
    {
        var leaf = (byte[])Leaves[0].Clone();
        var frontier = MerkleFrontier.Empty.Append(leaf).Frontier;

        leaf[0] ^= 1;

        Assert.Equal(Hex.Encode(Leaves[0]), Hex.Encode(frontier.RootHash()));
    }

    private static string Describe(MerkleNode node) => $"{node.Id.Level}/{node.Id.Index}/{Hex.Encode(node.Hash)}";
}
