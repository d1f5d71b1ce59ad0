using CityServices.CityTemplate.Tickets;
using CityServices.CityTemplate.Tickets.Closing;
using CityServices.CityTemplate.Tickets.Noting;
using CityServices.CityTemplate.Tickets.Opening;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.CityTemplate.Tests;

/// <summary>The decisions as the pure functions they are: state, command and time in, events out.</summary>
public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid TicketId = Guid.CreateVersion7();
    private static readonly Ticket Open = Ticket.Create(new TicketOpened(TicketId, "Broken street light", "clerk", Now.AddDays(-1)));

    [Fact]
    public void Opening_a_ticket_trims_its_subject_and_names_who_opened_it()
    {
        var opened = OpenTicketEndpoint.Decide(TicketId, new OpenTicket("  Broken street light "), "clerk", Now);

        Assert.Equal(new TicketOpened(TicketId, "Broken street light", "clerk", Now), opened);
    }

    [Fact]
    public void A_note_on_an_open_ticket_is_added_and_evolves_the_ticket()
    {
        var events = AddTicketNoteEndpoint.Decide(Open, new AddTicketNote("Crew sent"), "clerk", Now);

        Assert.Equal([new TicketNoteAdded(TicketId, "Crew sent", "clerk", Now)], events);
        var evolved = Open.Apply(events[0]);
        Assert.Equal([new TicketNote("Crew sent", "clerk", Now)], evolved.Notes);
        Assert.Equal(Open with { Notes = evolved.Notes }, evolved);
    }

    [Fact]
    public void A_note_on_a_closed_ticket_is_refused_as_a_conflict()
    {
        var closed = Open.Apply(new TicketClosed(TicketId, "Repaired", "clerk", Now));

        Assert.Throws<ConflictException>(() => AddTicketNoteEndpoint.Decide(closed, new AddTicketNote("Too late"), "clerk", Now));
    }

    [Fact]
    public void Closing_a_closed_ticket_again_changes_nothing()
    {
        var closed = Open.Apply(new TicketClosed(TicketId, "Repaired", "clerk", Now));

        Assert.Equal([new TicketClosed(TicketId, "Repaired", "clerk", Now)], CloseTicketEndpoint.Decide(Open, new CloseTicket(" Repaired "), "clerk", Now));
        Assert.Empty(CloseTicketEndpoint.Decide(closed, new CloseTicket("Repaired"), "clerk", Now.AddHours(1)));
    }
}
