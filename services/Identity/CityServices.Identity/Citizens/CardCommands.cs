using CityServices.EventPipeline.Commands;
using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens;

/// <summary>The card routes address a card; its holder's stream is where the decision is made and stored.</summary>
public static class CardCommands
{
    /// <summary>Decides on the card's holder's stream, with the card found in it (404 when there is no such card).</summary>
    public static Task<Decided<TEvent>> DecideForCard<TEvent>(
        this CommandContext context, Guid cardId, Func<Citizen, CitizenCard, IReadOnlyList<TEvent>> decide)
        where TEvent : CitizenEvent
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(decide);
        return DecideAsync(context, cardId, decide);
    }

    private static async Task<Decided<TEvent>> DecideAsync<TEvent>(
        CommandContext context, Guid cardId, Func<Citizen, CitizenCard, IReadOnlyList<TEvent>> decide)
        where TEvent : CitizenEvent
    {
        var holder = await context.Session.LoadAsync<CardHolder>(cardId, context.Cancellation)
            ?? throw new NotFoundException($"Card {cardId} does not exist.");
        return await context.Decide<Citizen, TEvent>(holder.CitizenId,
            citizen => decide(citizen, citizen.Card(cardId) ?? throw new NotFoundException($"Card {cardId} does not exist.")));
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
