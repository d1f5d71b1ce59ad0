using System.Text.Json;
using CityServices.EventPipeline.Commands;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.ReplacingCards;

/// <summary>A replacement card: the new key pair's public key. The old card is revoked in the same commit.</summary>
public sealed record ReplaceCard(JsonElement? PublicKey);

public static class ReplaceCardEndpoint
{
    public const string RevocationReason = "replaced";

    public static IReadOnlyList<CitizenEvent> Decide(Citizen state, CitizenCard old, Guid newCardId, CardPublicKey key, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(key);
        state.MustBeAlive("no card can be issued");

        if (old.Status == CardStatus.Revoked)
        {
            throw new ConflictException($"Card {old.Id} is revoked; issue a new card instead.");
        }

        var thumbprint = key.Thumbprint();
        if (state.Cards.Any(card => card.KeyThumbprint == thumbprint))
        {
            throw new ConflictException("This key was already used by one of the citizen's cards; a replacement needs a new key pair.");
        }

        return
        [
            new CardRevoked(state.Id, old.Id, RevocationReason, actor, now),
            new CardIssued(state.Id, newCardId, key, thumbprint, old.Id, actor, now),
        ];
    }

    public static RouteHandlerBuilder MapReplaceCard(this IEndpointRouteBuilder cards) =>
        cards.MapPost("/{cardId:guid}/replacement", async (Guid cardId, ReplaceCard command, CommandContext context) =>
            {
                var key = CitizenCommands.ParsePublicKey(command.PublicKey);
                var newCardId = Guid.CreateVersion7();
                await context.DecideForCard(cardId, (citizen, old) =>
                {
                    context.Session.Insert(new CardHolder(newCardId, citizen.Id));
                    return Decide(citizen, old, newCardId, key, context.Actor, context.Now);
                });
                return context.Created($"cards/{newCardId}", new CreatedId(newCardId));
            })
            .ProducesCommand<CreatedId>()
            .WithName("ReplaceCard")
            .WithSummary("Issues a new card with a new key and revokes the old one, in one commit.");
}
