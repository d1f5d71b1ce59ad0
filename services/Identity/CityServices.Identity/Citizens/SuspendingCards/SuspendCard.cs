using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;

namespace CityServices.Identity.Citizens.SuspendingCards;

public sealed record SuspendCard([Required, StringLength(500, MinimumLength = 1)] string Reason);

public static class SuspendCardEndpoint
{
    public static IReadOnlyList<CardSuspended> Decide(Citizen state, CitizenCard card, SuspendCard command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return card.MoveTo(CardStatus.Suspended, () => new CardSuspended(state.Id, card.Id, command.Reason.Trim(), actor, now));
    }

    public static RouteHandlerBuilder MapSuspendCard(this IEndpointRouteBuilder cards) =>
        cards.MapPost("/{cardId:guid}/suspension", (Guid cardId, SuspendCard command, CommandContext context) =>
                context.ChangeCard(cardId, (citizen, card) => Decide(citizen, card, command, context.Actor, context.Now)))
            .ProducesCommand()
            .WithName("SuspendCard")
            .WithSummary("Suspends a card (e.g. reported lost): it cannot sign in until reinstated.");
}
