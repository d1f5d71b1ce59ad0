using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.Identity.Cards;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.Identity.Registry.Deaths;

public sealed record RecordDeath([Required, PastDate] DateOnly? DiedOn);

public static class RecordDeathEndpoint
{
    public const string CardRevocationReason = "holder died";

    /// <summary>The death, and the revocation of every card that could still sign in, in one commit.</summary>
    public static IReadOnlyList<object> Decide(Citizen state, RecordDeath command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var diedOn = command.DiedOn!.Value;
        if (!state.IsAlive)
        {
            throw new ConflictException($"The citizen's death is already recorded ({state.DiedOn:yyyy-MM-dd}).");
        }

        if (diedOn < state.BirthDate)
        {
            throw new ConflictException($"The date of death cannot be before the birth date ({state.BirthDate:yyyy-MM-dd}).");
        }

        return
        [
            new CitizenDied(state.Id, diedOn, actor, now),
            .. state.LiveCards.Select(card => new CardRevoked(state.Id, card.Id, CardRevocationReason, actor, now)),
        ];
    }

    public static RouteHandlerBuilder MapRecordDeath(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/death", async (Guid id, RecordDeath command, IDocumentSession session, TimeProvider clock, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                var version = await session.Decide<Citizen>(id, http.Request.ExpectedVersion(),
                    state => Decide(state, command, user.Actor(), clock.GetUtcNow()), ct);
                http.Response.SetVersion(version);
                return Results.NoContent();
            })
            .WithName("RecordDeath")
            .WithSummary("Records a citizen's death; their cards are revoked in the same commit (If-Match honoured).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
