using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.Identity.Registry.Moving;

public sealed record RecordMove([Required, District] string District);

public static class RecordMoveEndpoint
{
    public static IReadOnlyList<object> Decide(Citizen state, RecordMove command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (!state.IsAlive)
        {
            throw new ConflictException("The citizen's death is recorded; a move can no longer be.");
        }

        return command.District == state.District ? [] : [new CitizenMoved(state.Id, command.District, actor, now)];
    }

    public static RouteHandlerBuilder MapRecordMove(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/moves", async (Guid id, RecordMove command, IDocumentSession session, TimeProvider clock, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                var version = await session.Decide<Citizen>(id, http.Request.ExpectedVersion(),
                    state => Decide(state, command, user.Actor(), clock.GetUtcNow()), ct);
                http.Response.SetVersion(version);
                return Results.NoContent();
            })
            .WithName("RecordMove")
            .WithSummary("Records that a citizen moved to another district (If-Match honoured).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
