namespace CityServices.Audit.Output;

/// <summary>
/// The ledger, the chain or the export source refused or failed (429 or 503 after every retry, an
/// outage, or no answer of the documented kind): nothing was proven either way, so the run ends
/// as "could not check" (<see cref="ExitCodes.CouldNotCheck"/>), never as a failed verification.
/// </summary>
public sealed class CouldNotCheckException(string message, Exception? inner = null) : Exception(message, inner);
