namespace CityServices.Audit.Verification;

/// <summary>One way an export and the anchored log disagree about one event.</summary>
public sealed record ExportFinding(ExportFindingKind Kind, Guid? EventId, long? Sequence, string Reason)
{
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

    /// <summary>Its place by sequence in the export differs from its place in the log.</summary>
    Reordered,

    /// <summary>The ledger lists the event but its proof does not verify against the anchored root.</summary>
    Unproven,

    /// <summary>The line is not an export line with a valid leaf record.</summary>
    Unreadable,
}
