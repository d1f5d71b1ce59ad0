using System.Text.Json;
using CityServices.EventPipeline.Commands;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.IssuingCards;

/// <summary>A new card for a citizen: the public key of the key pair the card holds (JWK object or PEM string).</summary>
public sealed record IssueCard(JsonElement? PublicKey);

public static class IssueCardEndpoint
{
    public static CardIssued Decide(Citizen state, Guid cardId, CardPublicKey key, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(key);
        state.MustBeAlive("no card can be issued");

        if (state.LiveCards.FirstOrDefault() is { } live)
        {
            throw new ConflictException($"The citizen already holds card {live.Id} ({live.Status.ToString().ToLowerInvariant()}); replace or revoke it first.");
        }

        return new CardIssued(state.Id, cardId, key, key.Thumbprint(), null, actor, now);
    }

    public static RouteHandlerBuilder MapIssueCard(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/cards", async (Guid id, IssueCard command, CommandContext context) =>
            {
                var key = CitizenCommands.ParsePublicKey(command.PublicKey);
                var cardId = Guid.CreateVersion7();
                context.Session.Insert(new CardHolder(cardId, id));
                await context.Decide<Citizen, CardIssued>(id, state => [Decide(state, cardId, key, context.Actor, context.Now)]);
                return context.Created($"cards/{cardId}", new CreatedId(cardId));
            })
            .ProducesCommand<CreatedId>()
            .WithName("IssueCard")
            .WithSummary("Issues a citizen card bound to an ECDSA P-256 public key; at most one live card per citizen.");
}
