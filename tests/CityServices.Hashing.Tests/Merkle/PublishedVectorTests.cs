namespace CityServices.Hashing.Tests.Merkle;

/// <summary>The RFC 6962 reference tree as Google's transparency-dev/merkle publishes it (see the JSON file's source).</summary>
public class PublishedVectorTests
{
    private static readonly PublishedVectors Vectors = PublishedVectors.Load();

    public static TheoryData<long, long> InclusionCases =>
        [.. Vectors.InclusionProofs.Select(v => (v.LeafIndex, v.TreeSize))];

    public static TheoryData<long, long> ConsistencyCases =>
        [.. Vectors.ConsistencyProofs.Select(v => (v.First, v.Second))];

    [Fact]
    public void The_empty_tree_has_the_sha256_of_nothing_as_its_root()
    {
        var tree = new MerkleTree();

        var root = tree.RootHash();

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex.Encode(root));
        Assert.Equal(Vectors.EmptyRoot, Hex.Encode(root));
    }

    [Fact]
    public void The_tree_head_of_every_prefix_of_the_reference_leaves_is_the_published_root()
    {
        var tree = MerkleTree.FromLeafData(Vectors.LeafInputs.Select(Hex.Decode));

        var roots = Vectors.Roots.Select(v => new PublishedVectors.RootVector(v.TreeSize, Hex.Encode(tree.RootHash(v.TreeSize))));

        Assert.Equal(Vectors.Roots, roots);
        Assert.Equal(8, Vectors.Roots.Length);
    }

    [Fact]
    public void Appending_the_reference_leaves_yields_exactly_the_published_complete_subtrees()
    {
        var leafHashes = Vectors.LeafHashes();

        var appended = MerkleFrontier.Empty.AppendRange(leafHashes);

        var produced = leafHashes.Select((hash, i) => new MerkleNode(new NodeId(0, i), hash)).Concat(appended.CompletedNodes);
        var expected = Vectors.CompleteSubtrees.Select(v => $"{v.Level}/{v.Index}/{v.Hash}").Order();
        Assert.Equal(expected, produced.Select(n => $"{n.Id.Level}/{n.Id.Index}/{Hex.Encode(n.Hash)}").Order());
    }

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void The_inclusion_proof_of_a_reference_leaf_is_the_published_audit_path_and_verifies(long leafIndex, long treeSize)
    {
        var vector = Vectors.InclusionProofs.Single(v => v.LeafIndex == leafIndex && v.TreeSize == treeSize);
        var leafHashes = Vectors.LeafHashes();
        var tree = new MerkleTree(leafHashes);

        var proof = tree.InclusionProof(leafIndex, treeSize);
        var result = MerkleVerifier.VerifyInclusion(
            leafIndex, treeSize, leafHashes[leafIndex], [.. vector.Path.Select(Hex.Decode)], PublishedRoot(treeSize));

        Assert.Equal(vector.Path, proof.Select(hash => Hex.Encode(hash)));
        Assert.True(result.IsValid, result.Reason);
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void The_consistency_proof_between_reference_sizes_is_the_published_proof_and_verifies(long first, long second)
    {
        var vector = Vectors.ConsistencyProofs.Single(v => v.First == first && v.Second == second);
        var tree = new MerkleTree(Vectors.LeafHashes());

        var proof = tree.ConsistencyProof(first, second);
        var result = MerkleVerifier.VerifyConsistency(
            first, second, PublishedRoot(first), PublishedRoot(second), [.. vector.Proof.Select(Hex.Decode)]);

        Assert.Equal(vector.Proof, proof.Select(hash => Hex.Encode(hash)));
        Assert.True(result.IsValid, result.Reason);
    }

    private static byte[] PublishedRoot(long treeSize) => Hex.Decode(Vectors.Roots.Single(v => v.TreeSize == treeSize).Root);
}
