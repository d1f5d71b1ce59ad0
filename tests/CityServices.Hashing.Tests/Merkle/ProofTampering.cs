namespace CityServices.Hashing.Tests.Merkle;

/// <summary>Every way of spoiling a valid proof's hashes that a verifier must notice.</summary>
internal static class ProofTampering
{
    public static IEnumerable<(string How, IReadOnlyList<byte[]> Proof)> Variants(IReadOnlyList<byte[]> proof, Random random)
    {
        for (var i = 0; i < proof.Count; i++)
        {
            var flipped = proof.Select(hash => (byte[])hash.Clone()).ToArray();
            var at = random.Next(flipped[i].Length);
            flipped[i][at] ^= (byte)(1 << random.Next(8));
            yield return ($"byte {at} of hash {i} flipped", flipped);
        }

        var extra = new byte[32];
        random.NextBytes(extra);
        yield return ("a hash appended", [.. proof, extra]);
        yield return ("a hash prepended", [extra, .. proof]);
        if (proof.Count > 0)
        {
            yield return ("the last hash removed", proof.Take(proof.Count - 1).ToArray());
            yield return ("the first hash removed", proof.Skip(1).ToArray());
        }

        if (proof.Count > 1)
        {
            yield return ("two hashes swapped", [proof[1], proof[0], .. proof.Skip(2)]);
        }
    }
}
