namespace CityServices.Hashing.Merkle;

/// <summary>Why a proof did not verify; stable, so tools can map each to an exit code or a message.</summary>
public enum VerificationFailure
{
    /// <summary>The proof verifies.</summary>
    None = 0,

    /// <summary>The leaf index or tree sizes describe no valid position (index ≥ size, a negative value, a shrinking tree).</summary>
    InvalidPosition,

    /// <summary>A hash (leaf, root or proof element) is missing or not 32 bytes.</summary>
    MalformedHash,

    /// <summary>The proof has more or fewer hashes than the sizes call for.</summary>
    WrongProofLength,

    /// <summary>An inclusion proof leads to a different root.</summary>
    RootMismatch,

    /// <summary>A consistency proof does not reproduce the first (older) root.</summary>
    FirstRootMismatch,

    /// <summary>A consistency proof does not reproduce the second (newer) root.</summary>
    SecondRootMismatch,
}
