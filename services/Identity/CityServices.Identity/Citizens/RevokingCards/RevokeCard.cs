using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;

namespace CityServices.Identity.Citizens.RevokingCards;

public sealed record RevokeCard([Required, StringLength(500, MinimumLength = 1)] string Reason);

public static class RevokeCardEndpoint
{
    /// <summary>Revocation is final; revoking a revoked card changes nothing.</summary>
    public static IReadOnlyList<CardRevoked> Decide(Citizen state, CitizenCard card, RevokeCard command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return card.MoveTo(CardStatus.Revoked, () => new CardRevoked(state.Id, card.Id, command.Reason.Trim(), actor, now));
    }

    public static RouteHandlerBuilder MapRevokeCard(this IEndpointRouteBuilder cards) =>
        cards.MapPost("/{cardId:guid}/revocation", (Guid cardId, RevokeCard command, CommandContext context) =>
                context.ChangeCard(cardId, (citizen, card) => Decide(citizen, card, command, context.Actor, context.Now)))
            .ProducesCommand()
            .WithName("RevokeCard")
            .WithSummary("Revokes a card for good (stolen, compromised): it never signs in again.");
}
