namespace CityServices.Audit.Ledger;

/// <summary>The ledger answered, but not with what was asked for (an error status or an unreadable body).</summary>
public sealed class LedgerException(string message, int? status = null) : Exception(message)
{
    public int? Status { get; } = status;
}
