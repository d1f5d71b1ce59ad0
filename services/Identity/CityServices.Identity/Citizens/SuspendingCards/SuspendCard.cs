using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.SuspendingCards;

public sealed record SuspendCard([Required, StringLength(500, MinimumLength = 1)] string Reason);

public static class SuspendCardEndpoint
{
    public static IReadOnlyList<CardSuspended> Decide(Citizen state, CitizenCard card, SuspendCard command, string actor, DateTimeOffset now)
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
        cards.MapPost("/{cardId:guid}/suspension", async (Guid cardId, SuspendCard command, CommandContext context) =>
            {
                await context.DecideForCard(cardId, (citizen, card) => Decide(citizen, card, command, context.Actor, context.Now));
                return Results.NoContent();
            })
            .ProducesCommand()
            .WithName("SuspendCard")
            .WithSummary("Suspends a card (e.g. reported lost): it cannot sign in until reinstated.");
}
