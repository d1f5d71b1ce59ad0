using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;

namespace CityServices.CityTemplate.Tickets.Closing;

public sealed record CloseTicket([Required, StringLength(500, MinimumLength = 1)] string Outcome);

/// <summary><c>POST /tickets/{id}/closure</c>: closes a ticket with its outcome (<c>If-Match</c> honoured).</summary>
public static class CloseTicketEndpoint
{
    /// <summary>Closing is final; closing a closed ticket changes nothing, so a retried request is harmless.</summary>
    public static IReadOnlyList<TicketEvent> Decide(Ticket state, CloseTicket command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return state.IsClosed ? [] : [new TicketClosed(state.Id, command.Outcome.Trim(), actor, now)];
    }

    public static RouteHandlerBuilder MapCloseTicket(this IEndpointRouteBuilder tickets) =>
        tickets.MapPost("/{id:guid}/closure", async (Guid id, CloseTicket command, CommandContext context) =>
            {
                await context.Decide<Ticket, TicketEvent>(id, state => Decide(state, command, context.Actor, context.Now));
                return Results.NoContent();
            })
            .ProducesCommand()
            .WithName("CloseTicket")
            .WithSummary("Closes a ticket with its outcome; it takes no more notes.");
}
