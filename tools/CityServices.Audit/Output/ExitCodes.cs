namespace CityServices.Audit.Output;

/// <summary>What a script can rely on: 0 only when everything verified, 1 only for something proven wrong.</summary>
public static class ExitCodes
{
    public const int Verified = 0;

    /// <summary>Something was checked and did not verify (a hash, a proof, an anchor): evidence of tampering.</summary>
    public const int NotVerified = 1;

    /// <summary>
    /// Nothing could be concluded because of the auditor's input: bad arguments, unreadable input, or
    /// no trust anchor (no pinned registry, or an RPC endpoint serving another chain than the pinned one).
    /// </summary>
    public const int UsageOrInputError = 2;

    /// <summary>
    /// Could not check: the ledger, the chain or the export source refused (429/503 after every retry),
    /// was unreachable, or gave no answer of the documented kind. Nothing was proven wrong; run again later.
    /// </summary>
    public const int CouldNotCheck = 3;
}
