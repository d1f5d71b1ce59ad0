using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.CityTemplate.Tickets.Noting;

public sealed record AddTicketNote([Required, StringLength(2000, MinimumLength = 1)] string Text);

/// <summary><c>POST /tickets/{id}/notes</c>: a note on an open ticket (<c>If-Match</c> honoured).</summary>
public static class AddTicketNoteEndpoint
{
    public static IReadOnlyList<TicketEvent> Decide(Ticket state, AddTicketNote command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return state.IsClosed
            ? throw new ConflictException($"Ticket {state.Id} is closed; it takes no more notes.")
            : [new TicketNoteAdded(state.Id, command.Text.Trim(), actor, now)];
    }

    public static RouteHandlerBuilder MapAddTicketNote(this IEndpointRouteBuilder tickets) =>
        tickets.MapPost("/{id:guid}/notes", async (Guid id, AddTicketNote command, CommandContext context) =>
            {
                await context.Decide<Ticket, TicketEvent>(id, state => Decide(state, command, context.Actor, context.Now));
                return Results.NoContent();
            })
            .ProducesCommand()
            .WithName("AddTicketNote")
            .WithSummary("Adds a note to an open ticket.");
}
