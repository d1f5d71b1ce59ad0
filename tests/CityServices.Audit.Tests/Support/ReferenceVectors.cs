namespace CityServices.Audit.Tests.Support;

/// <summary>The RFC 6962 reference tree (tests/CityServices.Hashing.Tests/Merkle/rfc6962-reference-vectors.json).</summary>
internal sealed record ReferenceVectors(string[] LeafInputs, string EmptyRoot, ReferenceVectors.RootVector[] Roots)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReferenceVectors Load() =>
        JsonSerializer.Deserialize<ReferenceVectors>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "rfc6962-reference-vectors.json")),
            Json)!;

    public MerkleTree Tree() => MerkleTree.FromLeafData(LeafInputs.Select(Hex.Decode));

    internal sealed record RootVector(long TreeSize, string Root);
}
