namespace CityServices.Hashing.Tests.Merkle;

/// <summary>rfc6962-reference-vectors.json: the RFC 6962 reference tree, as published by transparency-dev/merkle.</summary>
internal sealed record PublishedVectors(
    string[] LeafInputs,
    string EmptyRoot,
    PublishedVectors.RootVector[] Roots,
    PublishedVectors.SubtreeVector[] CompleteSubtrees,
    PublishedVectors.InclusionVector[] InclusionProofs,
    PublishedVectors.ConsistencyVector[] ConsistencyProofs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PublishedVectors Load() =>
        JsonSerializer.Deserialize<PublishedVectors>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Merkle", "rfc6962-reference-vectors.json")), Json)
        ?? throw new InvalidDataException("The vectors file is empty.");

    public byte[][] LeafHashes() => [.. LeafInputs.Select(input => CityServices.Hashing.Merkle.MerkleHash.Leaf(Hex.Decode(input)))];

    internal sealed record RootVector(long TreeSize, string Root);

    internal sealed record SubtreeVector(int Level, long Index, string Hash);

    internal sealed record InclusionVector(long LeafIndex, long TreeSize, string[] Path);

    internal sealed record ConsistencyVector(long First, long Second, string[] Proof);
}
