namespace CityServices.Hashing.Tests.Merkle;

internal static class RandomLeaves
{
    /// <summary>Leaf hashes of random leaf data from a seeded generator: the same tree on every run.</summary>
    public static byte[][] Hashes(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => MerkleHash.Leaf(Data(random)))];

    private static byte[] Data(Random random)
    {
        var data = new byte[random.Next(0, 64)];
        random.NextBytes(data);
        return data;
    }
}
