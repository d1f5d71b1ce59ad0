namespace CityServices.Audit.Chain;

/// <summary>What the verifiers read from the chain; the seam lets their logic be tested on its own.</summary>
public interface IAnchorRegistry
{
    Task<long> ChainIdAsync();

    /// <summary>True when the code at <paramref name="contract"/> is exactly the published AnchorRegistry runtime code.</summary>
    Task<bool> IsAnchorRegistryAsync(string contract);

    Task<long> CountAsync(string contract);

    /// <summary>The anchor at <paramref name="index"/>, or null when the registry holds fewer anchors.</summary>
    Task<ChainAnchor?> AnchorAtAsync(string contract, long index);
}
