namespace CityServices.Hashing.Tests.Merkle;

/// <summary>Random trees (seeded, so every run checks the same ones) against the independently computed RFC roots.</summary>
public class InclusionProofPropertyTests
{
    public static TheoryData<int, int> Trees => new()
    {
        { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 5 }, { 5, 8 }, { 6, 127 }, { 7, 128 }, { 8, 129 },
        { 9, 1000 }, { 10, 1023 }, { 11, 2049 }, { 12, 3000 },
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public void Every_inclusion_proof_of_a_random_tree_verifies_against_its_root(int seed, int size)
    {
        var leaves = RandomLeaves.Hashes(new Random(seed), size);
        var tree = new MerkleTree(leaves);
        var root = new ReferenceMerkle(leaves).Mth(0, size);

        for (var m = 0; m < size; m++)
        {
            var result = MerkleVerifier.VerifyInclusion(m, size, leaves[m], tree.InclusionProof(m, size), root);

            Assert.True(result.IsValid, $"leaf {m}: {result}");
        }
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void Inclusion_proofs_against_earlier_tree_heads_verify_against_those_roots(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves.Hashes(random, size);
        var tree = new MerkleTree(leaves);
        var reference = new ReferenceMerkle(leaves);

        foreach (var (m, n) in SampledLeaves(random, size, 200))
        {
            var result = MerkleVerifier.VerifyInclusion(m, n, leaves[m], tree.InclusionProof(m, n), reference.Mth(0, n));

            Assert.True(result.IsValid, $"leaf {m} of {n}: {result}");
        }
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void A_tampered_inclusion_proof_never_verifies(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves.Hashes(random, size);
        var tree = new MerkleTree(leaves);
        var reference = new ReferenceMerkle(leaves);

        foreach (var (m, n) in SampledLeaves(random, size, 60))
        {
            var proof = tree.InclusionProof(m, n);
            var root = reference.Mth(0, n);

            foreach (var (how, tampered) in ProofTampering.Variants(proof, random))
            {
                Assert.False(MerkleVerifier.VerifyInclusion(m, n, leaves[m], tampered, root).IsValid, $"leaf {m} of {n}, {how}");
            }

            Assert.False(MerkleVerifier.VerifyInclusion(m, n, MerkleHash.Leaf([1, 2, 3]), proof, root).IsValid, $"leaf {m} of {n}, another leaf");
            Assert.False(MerkleVerifier.VerifyInclusion(m, n, leaves[m], proof, MerkleHash.EmptyRoot()).IsValid, $"leaf {m} of {n}, another root");
        }
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void An_inclusion_proof_checked_at_any_other_leaf_index_never_verifies(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves.Hashes(random, size);
        var tree = new MerkleTree(leaves);
        var root = tree.RootHash();

        foreach (var (m, _) in SampledLeaves(random, size, 20))
        {
            var proof = tree.InclusionProof(m, size);

            foreach (var wrong in new long[] { m - 1, m + 1, m ^ 2, m + size, -1, long.MaxValue }.Concat(Enumerable.Range(0, 30).Select(_ => random.NextInt64(size))))
            {
                if (wrong != m)
                {
                    Assert.False(MerkleVerifier.VerifyInclusion(wrong, size, leaves[m], proof, root).IsValid, $"leaf {m} claimed as {wrong}");
                }
            }
        }
    }

    /// <summary>
    /// RFC 9162 verification learns the tree size only through the sides its proof hashes join
    /// (see <see cref="ReferenceMerkle.PathShape"/>): leaf 0's proof for 5 leaves also "verifies"
    /// for 6 against the 5-leaf root. The size is bound by the root, so an auditor must take both
    /// from the same anchor; every size that changes the proof's shape must fail.
    /// </summary>
    [Theory]
    [MemberData(nameof(Trees))]
    public void An_inclusion_proof_checked_at_another_tree_size_verifies_only_if_that_size_gives_the_proof_the_same_shape(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves.Hashes(random, size);
        var tree = new MerkleTree(leaves);
        var reference = new ReferenceMerkle(leaves);

        foreach (var (m, n) in SampledLeaves(random, size, 20))
        {
            var proof = tree.InclusionProof(m, n);
            var root = reference.Mth(0, n);
            var shape = ReferenceMerkle.PathShape(m, n);

            foreach (var wrong in new[] { n - 1, n + 1, n * 2, n / 2, 0 }.Concat(Enumerable.Range(0, 30).Select(_ => random.Next(1, 2 * size))))
            {
                var sameShape = wrong > m && ReferenceMerkle.PathShape(m, wrong) == shape;
                if (wrong != n)
                {
                    Assert.Equal(sameShape, MerkleVerifier.VerifyInclusion(m, wrong, leaves[m], proof, root).IsValid);
                }
            }
        }
    }

    [Fact]
    public void Leaf_0_of_5_verifies_at_size_6_against_the_same_root_so_size_and_root_must_come_from_one_anchor()
    {
        var leaves = RandomLeaves.Hashes(new Random(5), 5);
        var tree = new MerkleTree(leaves);

        var result = MerkleVerifier.VerifyInclusion(0, 6, leaves[0], tree.InclusionProof(0, 5), tree.RootHash(5));

        Assert.True(result.IsValid);
    }

    private static IEnumerable<(int Leaf, int TreeSize)> SampledLeaves(Random random, int size, int count) =>
        Enumerable.Range(0, count).Select(_ => random.Next(1, size + 1)).Select(n => (random.Next(n), n));
}
