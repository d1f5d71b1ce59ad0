using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.CityTemplate.Tickets.Reading;

/// <summary>A ticket as clients read it; the ETag carries its version for the next command's <c>If-Match</c>.</summary>
public sealed record TicketView(Guid Id, string Subject, string OpenedBy, DateTimeOffset OpenedAt, IReadOnlyList<TicketNote> Notes, string? Outcome, DateTimeOffset? ClosedAt);

/// <summary><c>GET /tickets/{id}</c>.</summary>
public static class GetTicketEndpoint
{
    public static RouteHandlerBuilder MapGetTicket(this IEndpointRouteBuilder tickets) =>
        tickets.MapGet("/{id:guid}", async (Guid id, IQuerySession session, HttpResponse response, CancellationToken ct) =>
            {
                // The state is built up to the version read first, so the ETag names exactly what is answered.
                var stream = await session.Events.FetchStreamStateAsync(id, ct) ?? throw new NotFoundException($"Ticket {id} does not exist.");
                var state = await session.Events.AggregateStreamAsync<Ticket>(id, stream.Version, token: ct)
                    ?? throw new NotFoundException($"Ticket {id} does not exist.");
                response.SetVersion(stream.Version);
                return Results.Ok(new TicketView(state.Id, state.Subject, state.OpenedBy, state.OpenedAt, state.Notes, state.Outcome, state.ClosedAt));
            })
            .WithName("GetTicket")
            .WithSummary("A ticket with its notes; the ETag is its version.")
            .Produces<TicketView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
