namespace CityServices.Audit.Ledger;

/// <summary>The ledger's answer to a proof request: a proof, or one of the two answers the API defines for a missing one.</summary>
public sealed record ProofAnswer(InclusionProof? Proof, ProofAnswerKind Kind, string Detail)
{
    public static ProofAnswer Found(InclusionProof proof) => new(proof, ProofAnswerKind.Found, "");
}

public enum ProofAnswerKind
{
    Found,

    /// <summary>404: the log has no such event.</summary>
    NotInLog,

    /// <summary>409 (or 400 for a pinned size): the event is in the log but no anchored checkpoint covers it yet.</summary>
    NotYetAnchored,
}
