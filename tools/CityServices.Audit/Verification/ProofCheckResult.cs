using CityServices.Audit.Output;
using CityServices.Hashing.Merkle;

namespace CityServices.Audit.Verification;

/// <summary>The outcome of one Merkle proof given on the command line.</summary>
public sealed record ProofCheckResult(string Proof, bool Verified, VerificationFailure Failure, string Reason) : IAuditResult
{
    public static ProofCheckResult From(string proof, VerificationResult result) =>
        new(proof, result.IsValid, result.Failure, result.Reason);

    public void WriteText(TextWriter output) =>
        output.WriteLine(Verified ? $"VERIFIED: {Proof}. {Reason}" : $"FAILED: {Proof} ({Failure}). {Reason}");
}
