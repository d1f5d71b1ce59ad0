using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults;
using CityServices.Identity.Registry;
using Marten;

namespace CityServices.Identity.Cards.Revoking;

public sealed record RevokeCard([Required, StringLength(500, MinimumLength = 1)] string Reason);

public static class RevokeCardEndpoint
{
    /// <summary>Revocation is final; revoking a revoked card changes nothing.</summary>
    public static IReadOnlyList<object> Decide(Citizen state, CitizenCard card, RevokeCard command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(command);
        return card.Status == CardStatus.Revoked ? [] : [new CardRevoked(state.Id, card.Id, command.Reason.Trim(), actor, now)];
    }

    public static RouteHandlerBuilder MapRevokeCard(this IEndpointRouteBuilder cards) =>
        cards.MapPost("/{cardId:guid}/revocation", async (Guid cardId, RevokeCard command, IDocumentSession session, TimeProvider clock, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                http.Response.SetVersion(await session.DecideForCardAsync(cardId, http.Request.ExpectedVersion(),
                    (citizen, card) => Decide(citizen, card, command, user.Actor(), clock.GetUtcNow()), ct));
                return Results.NoContent();
            })
            .WithName("RevokeCard")
            .WithSummary("Revokes a card for good (stolen, compromised): it never signs in again.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
