using CityServices.EventPipeline.Commands;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.ReinstatingCards;

public static class ReinstateCardEndpoint
{
    public static IReadOnlyList<CardReinstated> Decide(Citizen state, CitizenCard card, string actor, DateTimeOffset now)
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
        cards.MapPost("/{cardId:guid}/reinstatement", async (Guid cardId, CommandContext context) =>
            {
                await context.DecideForCard(cardId, (citizen, card) => Decide(citizen, card, context.Actor, context.Now));
                return Results.NoContent();
            })
            .ProducesCommand()
            .WithName("ReinstateCard")
            .WithSummary("Reinstates a suspended card.");
}
