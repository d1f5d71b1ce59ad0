namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Anchoring cannot go on without an operator: a wrong chain or registry, or an on-chain root that
/// contradicts the log. The service keeps serving proofs; the cycle logs this as an error and retries.
/// </summary>
public sealed class AnchoringHaltedException(string message) : Exception(message);
