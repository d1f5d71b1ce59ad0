namespace CityServices.Audit.Verification;

/// <summary>One way an export and the anchored log disagree about one event.</summary>
public sealed record ExportFinding(ExportFindingKind Kind, Guid? EventId, long? Sequence, string Reason)
{
    /// <summary>Whether the finding fails the export: every kind but <see cref="ExportFindingKind.Reordered"/>.</summary>
    public bool IsFailure => Kind != ExportFindingKind.Reordered;

    public override string ToString() => $"{Kind.ToString().ToUpperInvariant(),-10} {EventId?.ToString() ?? "-"} (sequence {Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}): {Reason}";
}

public enum ExportFindingKind
{
    /// <summary>The data no longer matches its record, or the record no longer matches the logged leaf.</summary>
    Altered,

    /// <summary>In the log, not in the export.</summary>
    Deleted,

    /// <summary>In the export, not in the log.</summary>
    Inserted,

    /// <summary>
    /// Logged after a later event of its service. Reported, but not a failure: the ledger logs in
    /// the order deliveries arrive, which a redelivery or two concurrent deliveries can change, and
    /// the order of a service's events is fixed by the sequence inside each hashed leaf record, so
    /// renumbering events in a service's database shows as <see cref="Altered"/>. What it makes
    /// visible is an event that reached the ledger unusually late.
    /// </summary>
    Reordered,

    /// <summary>The ledger lists the event but its proof does not verify against the anchored root.</summary>
    Unproven,

    /// <summary>The line is not an export line with a valid leaf record.</summary>
    Unreadable,
}
