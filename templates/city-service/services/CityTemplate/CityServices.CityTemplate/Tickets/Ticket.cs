namespace CityServices.CityTemplate.Tickets;

/// <summary>
/// A ticket the department works on, evolved from its one stream (stream id = ticket id). The example
/// aggregate the template starts with: rename it, or replace it with the service's own.
/// </summary>
public sealed record Ticket(Guid Id, string Subject, string OpenedBy, DateTimeOffset OpenedAt, IReadOnlyList<TicketNote> Notes, string? Outcome, DateTimeOffset? ClosedAt)
{
    public bool IsClosed => ClosedAt is not null;

    public static Ticket Create(TicketOpened e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.TicketId, e.Subject, e.OpenedBy, e.OpenedAt, [], null, null);
    }

    /// <summary>
    /// The one place a ticket's state changes (the evolve of a decide/evolve pair): the state after
    /// <paramref name="e"/>. Named Apply because Marten's source generator folds a stream through it;
    /// it would claim a method named Evolve for its own convention.
    /// </summary>
    public Ticket Apply(TicketEvent e) =>
        e switch
        {
            TicketOpened opened => Create(opened),
            TicketNoteAdded added => this with { Notes = [.. Notes, new TicketNote(added.Text, added.AddedBy, added.AddedAt)] },
            TicketClosed closed => this with { Outcome = closed.Outcome, ClosedAt = closed.ClosedAt },
            _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Not an event of a ticket's stream."),
        };
}

public sealed record TicketNote(string Text, string AddedBy, DateTimeOffset AddedAt);
