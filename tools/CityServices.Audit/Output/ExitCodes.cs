namespace CityServices.Audit.Output;

/// <summary>What a script can rely on: 0 only when everything verified.</summary>
public static class ExitCodes
{
    public const int Verified = 0;

    /// <summary>Something was checked and did not verify (a hash, a proof, an anchor).</summary>
    public const int NotVerified = 1;

    /// <summary>
    /// Nothing could be concluded: bad arguments, unreadable input, an unreachable ledger or chain, or
    /// no trust anchor (no pinned registry, or an RPC endpoint serving another chain than the pinned one).
    /// </summary>
    public const int UsageOrInputError = 2;
}
