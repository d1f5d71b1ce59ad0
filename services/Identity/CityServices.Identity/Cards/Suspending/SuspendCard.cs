using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults;
using CityServices.Identity.Registry;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.Identity.Cards.Suspending;

public sealed record SuspendCard([Required, StringLength(500, MinimumLength = 1)] string Reason);

public static class SuspendCardEndpoint
{
    public static IReadOnlyList<object> Decide(Citizen state, CitizenCard card, SuspendCard command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(command);
        return card.Status switch
        {
            CardStatus.Active => [new CardSuspended(state.Id, card.Id, command.Reason.Trim(), actor, now)],
            CardStatus.Suspended => [],
            _ => throw new ConflictException($"Card {card.Id} is revoked; it cannot be suspended."),
        };
    }

    public static RouteHandlerBuilder MapSuspendCard(this IEndpointRouteBuilder cards) =>
        cards.MapPost("/{cardId:guid}/suspension", async (Guid cardId, SuspendCard command, IDocumentSession session, TimeProvider clock, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                http.Response.SetVersion(await session.DecideForCardAsync(cardId, http.Request.ExpectedVersion(),
                    (citizen, card) => Decide(citizen, card, command, user.Actor(), clock.GetUtcNow()), ct));
                return Results.NoContent();
            })
            .WithName("SuspendCard")
            .WithSummary("Suspends a card (e.g. reported lost): it cannot sign in until reinstated.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
