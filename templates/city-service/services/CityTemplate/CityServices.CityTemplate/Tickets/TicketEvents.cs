using CityServices.EventPipeline.Catalog;
using Published = CityServices.Contracts.CityTemplate;

namespace CityServices.CityTemplate.Tickets;

/// <summary>
/// Every event of a ticket's stream derives from this closed hierarchy. It has no members, so the
/// stored JSON of each event (a hashed, public format) is exactly its own positional fields.
/// </summary>
public abstract record TicketEvent;

public sealed record TicketOpened(Guid TicketId, string Subject, string OpenedBy, DateTimeOffset OpenedAt) : TicketEvent;

public sealed record TicketNoteAdded(Guid TicketId, string Text, string AddedBy, DateTimeOffset AddedAt) : TicketEvent;

public sealed record TicketClosed(Guid TicketId, string Outcome, string ClosedBy, DateTimeOffset ClosedAt) : TicketEvent;

public static class TicketEvents
{
    /// <summary>Stored aliases are a public format (leaf records): never rename one, add a new event instead.</summary>
    public static void RecordTicketEvents(this EventCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Record<TicketOpened>("city-template.ticket_opened")
            .PublishAs(e => new Published.TicketOpened(e.TicketId, e.OpenedAt));
        catalog.Record<TicketNoteAdded>("city-template.ticket_note_added");
        catalog.Record<TicketClosed>("city-template.ticket_closed")
            .PublishAs(e => new Published.TicketClosed(e.TicketId, e.Outcome, e.ClosedAt));
    }
}
