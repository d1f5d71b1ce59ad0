using CityServices.EventPipeline.Streams;
using CityServices.Identity.Registry;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.Identity.Cards;

/// <summary>The card routes address a card; its holder's stream is where the decision is made and stored.</summary>
public static class CardCommands
{
    public static async Task<long> DecideForCardAsync(
        this IDocumentSession session, Guid cardId, long? expectedVersion,
        Func<Citizen, CitizenCard, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(decide);
        var holder = await session.LoadAsync<CardHolder>(cardId, ct) ?? throw new NotFoundException($"Card {cardId} does not exist.");
        return await session.Decide<Citizen>(holder.CitizenId, expectedVersion,
            citizen => decide(citizen, citizen.Card(cardId) ?? throw new NotFoundException($"Card {cardId} does not exist.")), ct);
    }

    /// <summary>The public key of a request body, or a 400 naming <c>publicKey</c>.</summary>
    public static CardPublicKey ParsePublicKey(System.Text.Json.JsonElement? value)
    {
        if (value is not { ValueKind: not System.Text.Json.JsonValueKind.Null } key)
        {
            throw new InvalidFieldException("publicKey", "The publicKey field is required: a JWK object {kty, crv, x, y} or a PEM public key string.");
        }

        return CardPublicKey.TryParse(key, out var error) ?? throw new InvalidFieldException("publicKey", error);
    }
}
