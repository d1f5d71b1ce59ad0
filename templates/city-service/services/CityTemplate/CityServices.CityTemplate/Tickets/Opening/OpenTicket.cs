using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;

namespace CityServices.CityTemplate.Tickets.Opening;

public sealed record OpenTicket([Required, StringLength(200, MinimumLength = 1)] string Subject);

/// <summary><c>POST /tickets</c>: opens a ticket in a new stream.</summary>
public static class OpenTicketEndpoint
{
    public static TicketOpened Decide(Guid ticketId, OpenTicket command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new(ticketId, command.Subject.Trim(), actor, now);
    }

    public static RouteHandlerBuilder MapOpenTicket(this IEndpointRouteBuilder tickets) =>
        tickets.MapPost("/", async (OpenTicket command, CommandContext context) =>
            {
                var id = Guid.CreateVersion7();
                await context.Start<Ticket, TicketEvent>(id, [Decide(id, command, context.Actor, context.Now)]);
                return context.Created($"tickets/{id}", new CreatedId(id));
            })
            .ProducesCreate<CreatedId>()
            .WithName("OpenTicket")
            .WithSummary("Opens a ticket; the answer's ETag is its first version.");
}
