namespace CityServices.Hashing.Tests.Merkle;

/// <summary>Proofs come from outside: whatever arrives, the verifier answers invalid and why, and never throws.</summary>
public class MalformedProofTests
{
    private static readonly byte[][] Leaves = RandomLeaves.Hashes(new Random(3), 8);
    private static readonly MerkleTree Tree = new(Leaves);
    private static readonly byte[] Root = Tree.RootHash();

    [Theory]
    [InlineData(8, 8)]
    [InlineData(9, 8)]
    [InlineData(-1, 8)]
    [InlineData(0, 0)]
    [InlineData(0, -8)]
    [InlineData(long.MaxValue, 8)]
    [InlineData(long.MinValue, long.MaxValue)]
    public void An_inclusion_proof_for_a_leaf_outside_the_tree_is_invalid(long leafIndex, long treeSize)
    {
        var result = MerkleVerifier.VerifyInclusion(leafIndex, treeSize, Leaves[0], Tree.InclusionProof(0, 8), Root);

        Assert.Equal(VerificationFailure.InvalidPosition, result.Failure);
    }

    [Fact]
    public void An_inclusion_proof_with_a_missing_short_or_long_hash_is_invalid()
    {
        var proof = Tree.InclusionProof(3, 8);

        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyInclusion(3, 8, Leaves[3], null, Root).Failure);
        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyInclusion(3, 8, Leaves[3], [proof[0], null, proof[2]], Root).Failure);
        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyInclusion(3, 8, Leaves[3], [proof[0], new byte[31], proof[2]], Root).Failure);
        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyInclusion(3, 8, Leaves[3], [proof[0], new byte[33], proof[2]], Root).Failure);
        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyInclusion(3, 8, [], proof, Root).Failure);
        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyInclusion(3, 8, Leaves[3], proof, Root.AsSpan(1)).Failure);
    }

    [Fact]
    public void An_inclusion_proof_of_the_wrong_length_is_invalid_and_says_how_many_hashes_were_needed()
    {
        var proof = Tree.InclusionProof(3, 8);

        var result = MerkleVerifier.VerifyInclusion(3, 8, Leaves[3], [.. proof, proof[0]], Root);

        Assert.Equal(VerificationFailure.WrongProofLength, result.Failure);
        Assert.Equal("The proof has 4 hashes, expected 3 for leaf 3 in a tree of size 8.", result.Reason);
    }

    [Fact]
    public void An_inclusion_proof_leading_to_another_root_names_both_roots()
    {
        var result = MerkleVerifier.VerifyInclusion(3, 8, Leaves[4], Tree.InclusionProof(3, 8), Root);

        Assert.Equal(VerificationFailure.RootMismatch, result.Failure);
        Assert.Contains(Hex.Encode(Root), result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 8)]
    [InlineData(9, 8)]
    [InlineData(long.MinValue, 8)]
    [InlineData(3, -1)]
    public void A_consistency_proof_between_sizes_that_cannot_follow_each_other_is_invalid(long first, long second)
    {
        var result = MerkleVerifier.VerifyConsistency(first, second, Root, Root, Tree.ConsistencyProof(3, 8));

        Assert.Equal(VerificationFailure.InvalidPosition, result.Failure);
    }

    [Fact]
    public void A_consistency_proof_with_a_missing_short_or_long_hash_is_invalid()
    {
        var proof = Tree.ConsistencyProof(3, 8);
        var first = Tree.RootHash(3);

        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyConsistency(3, 8, first, Root, null).Failure);
        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyConsistency(3, 8, first, Root, [null, .. proof.Skip(1)]).Failure);
        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyConsistency(3, 8, first, Root, [new byte[1], .. proof.Skip(1)]).Failure);
        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyConsistency(3, 8, [], Root, proof).Failure);
        Assert.Equal(VerificationFailure.MalformedHash, MerkleVerifier.VerifyConsistency(3, 8, first, new byte[64], proof).Failure);
    }

    [Fact]
    public void A_consistency_proof_of_the_wrong_length_is_invalid_and_says_how_many_hashes_were_needed()
    {
        var proof = Tree.ConsistencyProof(3, 8);

        var result = MerkleVerifier.VerifyConsistency(3, 8, Tree.RootHash(3), Root, [.. proof, Root]);

        Assert.Equal(VerificationFailure.WrongProofLength, result.Failure);
        Assert.Equal("The proof has 5 hashes, expected 4 for sizes 3 and 8.", result.Reason);
    }

    [Fact]
    public void Equal_sizes_are_consistent_only_with_an_empty_proof_and_the_same_root()
    {
        var proof = Tree.ConsistencyProof(5, 8);

        Assert.True(MerkleVerifier.VerifyConsistency(8, 8, Root, Root, []).IsValid);
        Assert.Equal(VerificationFailure.WrongProofLength, MerkleVerifier.VerifyConsistency(8, 8, Root, Root, proof).Failure);
        Assert.Equal(VerificationFailure.SecondRootMismatch, MerkleVerifier.VerifyConsistency(8, 8, Root, Tree.RootHash(7), []).Failure);
    }

    [Fact]
    public void The_empty_tree_is_consistent_with_any_tree_but_only_under_its_own_root()
    {
        Assert.True(MerkleVerifier.VerifyConsistency(0, 8, MerkleHash.EmptyRoot(), Root, []).IsValid);
        Assert.True(MerkleVerifier.VerifyConsistency(0, 0, MerkleHash.EmptyRoot(), MerkleHash.EmptyRoot(), []).IsValid);
        Assert.Equal(VerificationFailure.FirstRootMismatch, MerkleVerifier.VerifyConsistency(0, 8, Root, Root, []).Failure);
        Assert.Equal(VerificationFailure.WrongProofLength, MerkleVerifier.VerifyConsistency(0, 8, MerkleHash.EmptyRoot(), Root, [Root]).Failure);
    }

    [Fact]
    public void Random_garbage_never_throws_and_never_verifies()
    {
        var random = new Random(1);

        for (var i = 0; i < 20_000; i++)
        {
            var proof = Enumerable.Range(0, random.Next(0, 70)).Select(_ => Garbage(random)).ToArray();
            var size = random.Next(2) == 0 ? random.NextInt64(-2, 20) : random.NextInt64(long.MinValue, long.MaxValue);
            var index = random.Next(2) == 0 ? random.NextInt64(-2, 20) : random.NextInt64(long.MinValue, long.MaxValue);

            var inclusion = MerkleVerifier.VerifyInclusion(index, size, Garbage(random), proof, Garbage(random));
            var consistency = MerkleVerifier.VerifyConsistency(index, size, Garbage(random), Garbage(random), proof);

            Assert.False(inclusion.IsValid);
            Assert.False(consistency.IsValid && proof.Length > 0);
        }
    }

    private static byte[] Garbage(Random random)
    {
        var bytes = new byte[random.Next(10) == 0 ? random.Next(0, 40) : 32];
        random.NextBytes(bytes);
        return bytes;
    }
}
