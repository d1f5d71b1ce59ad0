namespace CityServices.CityTemplate.Cases;

/// <summary>
/// A case the department works on, evolved from its one stream (stream id = case id). The example
/// aggregate the template starts with: rename it, or replace it with the service's own.
/// </summary>
public sealed record Case(Guid Id, string Subject, string OpenedBy, DateTimeOffset OpenedAt, IReadOnlyList<CaseNote> Notes, string? Outcome, DateTimeOffset? ClosedAt)
{
    public bool IsClosed => ClosedAt is not null;

    public static Case Create(CaseOpened e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.CaseId, e.Subject, e.OpenedBy, e.OpenedAt, [], null, null);
    }

    /// <summary>Marten folds every later event through <see cref="Evolve"/>.</summary>
    public Case Apply(CaseEvent e) => Evolve(this, e);

    /// <summary>The one place a case's state changes: the state after <paramref name="e"/>.</summary>
    public static Case Evolve(Case state, CaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);
        return e switch
        {
            CaseOpened opened => Create(opened),
            CaseNoteAdded added => state with { Notes = [.. state.Notes, new CaseNote(added.Text, added.AddedBy, added.AddedAt)] },
            CaseClosed closed => state with { Outcome = closed.Outcome, ClosedAt = closed.ClosedAt },
            _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Not an event of a case's stream."),
        };
    }
}

public sealed record CaseNote(string Text, string AddedBy, DateTimeOffset AddedAt);
