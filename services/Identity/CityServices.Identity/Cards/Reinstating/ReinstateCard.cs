using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults;
using CityServices.Identity.Registry;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.Identity.Cards.Reinstating;

public static class ReinstateCardEndpoint
{
    public static IReadOnlyList<object> Decide(Citizen state, CitizenCard card, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(card);
        return card.Status switch
        {
            CardStatus.Suspended when state.IsAlive => [new CardReinstated(state.Id, card.Id, actor, now)],
            CardStatus.Active => [],
            _ => throw new ConflictException($"Card {card.Id} is revoked; it cannot be reinstated."),
        };
    }

    public static RouteHandlerBuilder MapReinstateCard(this IEndpointRouteBuilder cards) =>
        cards.MapPost("/{cardId:guid}/reinstatement", async (Guid cardId, IDocumentSession session, TimeProvider clock, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                http.Response.SetVersion(await session.DecideForCardAsync(cardId, http.Request.ExpectedVersion(),
                    (citizen, card) => Decide(citizen, card, user.Actor(), clock.GetUtcNow()), ct));
                return Results.NoContent();
            })
            .WithName("ReinstateCard")
            .WithSummary("Reinstates a suspended card.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
