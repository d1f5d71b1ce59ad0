using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.Identity.Citizens.Reading;

/// <summary>A card as the API returns it: the card, its holder, and the holder's stream version (the ETag card commands take in If-Match).</summary>
public sealed record CardView(
    Guid Id,
    Guid CitizenId,
    CardStatus Status,
    CardPublicKey PublicKey,
    string KeyThumbprint,
    Guid? Replaces,
    DateTimeOffset IssuedAt,
    string? StatusReason,
    DateTimeOffset? StatusChangedAt,
    long Version);

/// <summary><c>GET /cards/{cardId}</c>: where an issued or replacement card's <c>Location</c> points (scope <c>identity</c>).</summary>
public static class GetCardEndpoint
{
    public static RouteHandlerBuilder MapGetCard(this IEndpointRouteBuilder cards) =>
        cards.MapGet("/{cardId:guid}", async (Guid cardId, IQuerySession session, HttpResponse response, CancellationToken ct) =>
            {
                var holder = await session.LoadAsync<CardHolder>(cardId, ct) ?? throw new NotFoundException($"Card {cardId} does not exist.");
                var state = await session.Events.FetchStreamStateAsync(holder.CitizenId, ct);
                var citizen = state is null ? null : await session.Events.AggregateStreamAsync<Citizen>(holder.CitizenId, state.Version, token: ct);
                // The holder row commits with the card's event; a card route that failed after the row was staged never commits either.
                var card = citizen?.Card(cardId) ?? throw new NotFoundException($"Card {cardId} does not exist.");
                response.SetVersion(state!.Version);
                return TypedResults.Ok(new CardView(card.Id, holder.CitizenId, card.Status, card.PublicKey, card.KeyThumbprint, card.Replaces,
                    card.IssuedAt, card.StatusReason, card.StatusChangedAt, state.Version));
            })
            .WithName("GetCard")
            .WithSummary("A citizen card: its status, public key and holder; the ETag is the holder's record version, which card commands take in If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
