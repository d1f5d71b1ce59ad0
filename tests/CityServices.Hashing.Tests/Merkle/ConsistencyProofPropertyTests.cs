namespace CityServices.Hashing.Tests.Merkle;

/// <summary>Random trees (seeded, so every run checks the same ones) against the independently computed RFC roots.</summary>
public class ConsistencyProofPropertyTests
{
    public static TheoryData<int, int> Trees => new()
    {
        { 21, 1 }, { 22, 2 }, { 23, 3 }, { 24, 8 }, { 25, 9 }, { 26, 100 },
        { 27, 1024 }, { 28, 1025 }, { 29, 2500 }, { 30, 3000 },
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public void Consistency_proofs_between_sampled_sizes_of_a_random_tree_verify_against_their_roots(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves.Hashes(random, size);
        var tree = new MerkleTree(leaves);
        var reference = new ReferenceMerkle(leaves);

        foreach (var (m, n) in SampledPairs(random, size, 300))
        {
            var result = MerkleVerifier.VerifyConsistency(m, n, reference.Mth(0, m), reference.Mth(0, n), tree.ConsistencyProof(m, n));

            Assert.True(result.IsValid, $"{m} -> {n}: {result}");
        }
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void A_tampered_consistency_proof_never_verifies(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves.Hashes(random, size);
        var tree = new MerkleTree(leaves);
        var reference = new ReferenceMerkle(leaves);

        foreach (var (m, n) in SampledPairs(random, size, 60))
        {
            var proof = tree.ConsistencyProof(m, n);
            var (first, second) = (reference.Mth(0, m), reference.Mth(0, n));

            foreach (var (how, tampered) in ProofTampering.Variants(proof, random))
            {
                Assert.False(MerkleVerifier.VerifyConsistency(m, n, first, second, tampered).IsValid, $"{m} -> {n}, {how}");
            }

            var other = MerkleHash.Leaf([4, 5, 6]);
            Assert.False(MerkleVerifier.VerifyConsistency(m, n, other, second, proof).IsValid, $"{m} -> {n}, another first root");
            Assert.False(MerkleVerifier.VerifyConsistency(m, n, first, other, proof).IsValid, $"{m} -> {n}, another second root");
            if (m != n)
            {
                Assert.False(MerkleVerifier.VerifyConsistency(m, n, second, first, proof).IsValid, $"{m} -> {n}, roots swapped");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void A_consistency_proof_checked_at_any_other_first_size_never_verifies(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves.Hashes(random, size);
        var tree = new MerkleTree(leaves);
        var reference = new ReferenceMerkle(leaves);

        foreach (var (m, n) in SampledPairs(random, size, 30))
        {
            var proof = tree.ConsistencyProof(m, n);
            var (first, second) = (reference.Mth(0, m), reference.Mth(0, n));

            foreach (var wrong in new[] { m - 1, m + 1, m ^ 2, m * 2, n + 1, -1 }.Concat(Enumerable.Range(0, 30).Select(_ => random.Next(0, n + 1))))
            {
                if (wrong != m)
                {
                    Assert.False(MerkleVerifier.VerifyConsistency(wrong, n, first, second, proof).IsValid, $"{m} -> {n} claimed from {wrong}");
                }
            }
        }
    }

    /// <summary>
    /// As with inclusion, the second size is bound only by the second root: a size that gives the
    /// proof the same shape (<see cref="ReferenceMerkle.ProofShape"/>) cannot be told apart, so the
    /// auditor takes size and root from one anchor. Every size that changes the shape must fail.
    /// </summary>
    [Theory]
    [MemberData(nameof(Trees))]
    public void A_consistency_proof_checked_at_another_second_size_verifies_only_if_that_size_gives_the_proof_the_same_shape(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves.Hashes(random, size);
        var tree = new MerkleTree(leaves);
        var reference = new ReferenceMerkle(leaves);

        foreach (var (m, n) in SampledPairs(random, size, 30).Where(pair => pair.First < pair.Second))
        {
            var proof = tree.ConsistencyProof(m, n);
            var (first, second) = (reference.Mth(0, m), reference.Mth(0, n));
            var shape = ReferenceMerkle.ProofShape(m, n);

            foreach (var wrong in new[] { n - 1, n + 1, n * 2, n / 2, m }.Concat(Enumerable.Range(0, 30).Select(_ => random.Next(m, 2 * size))))
            {
                var sameShape = wrong > m && ReferenceMerkle.ProofShape(m, wrong) == shape;
                if (wrong != n)
                {
                    Assert.Equal(sameShape, MerkleVerifier.VerifyConsistency(m, wrong, first, second, proof).IsValid);
                }
            }
        }
    }

    private static IEnumerable<(int First, int Second)> SampledPairs(Random random, int size, int count) =>
        Enumerable.Range(0, count).Select(_ => random.Next(1, size + 1)).Select(n => (random.Next(1, n + 1), n));
}
