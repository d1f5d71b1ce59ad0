namespace CityServices.Hashing.Merkle;

/// <summary>The outcome of checking a proof: valid, or the first reason it is not.</summary>
public sealed class VerificationResult
{
    private VerificationResult(VerificationFailure failure, string reason)
    {
        Failure = failure;
        Reason = reason;
    }

    /// <summary>The outcome of every proof that verifies.</summary>
    public static VerificationResult Valid { get; } = new(VerificationFailure.None, "The proof verifies.");

    /// <summary>True when the proof verifies.</summary>
    public bool IsValid => Failure == VerificationFailure.None;

    /// <summary><see cref="VerificationFailure.None"/>, or the kind of failure.</summary>
    public VerificationFailure Failure { get; }

    /// <summary>A sentence for a person: what did not match.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() => IsValid ? Reason : $"{Failure}: {Reason}";

    internal static VerificationResult Fail(VerificationFailure failure, string reason) => new(failure, reason);
}
