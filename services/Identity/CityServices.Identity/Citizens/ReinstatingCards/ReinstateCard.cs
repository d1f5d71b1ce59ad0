using CityServices.EventPipeline.Commands;

namespace CityServices.Identity.Citizens.ReinstatingCards;

public static class ReinstateCardEndpoint
{
    public static IReadOnlyList<CardReinstated> Decide(Citizen state, CitizenCard card, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        // A death revokes every live card in the same commit: a dead citizen's cards are all revoked, and stay so.
        return card.MoveTo(CardStatus.Active, () => new CardReinstated(state.Id, card.Id, actor, now));
    }

    public static RouteHandlerBuilder MapReinstateCard(this IEndpointRouteBuilder cards) =>
        cards.MapPost("/{cardId:guid}/reinstatement", (Guid cardId, CommandContext context) =>
                context.ChangeCard(cardId, (citizen, card) => Decide(citizen, card, context.Actor, context.Now)))
            .ProducesCommand()
            .WithName("ReinstateCard")
            .WithSummary("Reinstates a suspended card.");
}
