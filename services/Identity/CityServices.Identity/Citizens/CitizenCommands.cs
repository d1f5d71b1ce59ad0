using System.Text.Json;
using CityServices.EventPipeline.Commands;
using CityServices.EventPipeline.Streams;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens;

/// <summary>
/// What the citizen's use cases share: the rules more than one decision applies, and the route
/// tails. The card routes address a card; its holder's stream is where the decision is made and stored.
/// </summary>
public static class CitizenCommands
{
    /// <summary>Refuses a change to a citizen whose death is recorded: 409 saying what cannot be done.</summary>
    public static void MustBeAlive(this Citizen state, string refused)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.IsAlive)
        {
            throw new ConflictException($"The citizen's death is recorded; {refused}.");
        }
    }

    /// <summary>
    /// The one rule of a card's status: a card already where the command would put it changes
    /// nothing (no event; the caller still gets the ETag), and a revoked card never changes again.
    /// </summary>
    public static IReadOnlyList<TEvent> MoveTo<TEvent>(this CitizenCard card, CardStatus status, Func<TEvent> change)
        where TEvent : CitizenEvent
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(change);
        if (card.Status == status)
        {
            return [];
        }

        // Only suspension and reinstatement can find a revoked card: revoking it again is the no-op above.
        return card.Status == CardStatus.Revoked
            ? throw new ConflictException($"Card {card.Id} is revoked; it cannot be {(status == CardStatus.Active ? "reinstated" : "suspended")}.")
            : [change()];
    }

    /// <summary>Decides on the citizen's stream and answers 204 with the new ETag.</summary>
    public static async Task<IResult> Change<TEvent>(this CommandContext context, Guid citizenId, Func<Citizen, IReadOnlyList<TEvent>> decide)
        where TEvent : CitizenEvent
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Decide<Citizen, TEvent>(citizenId, decide);
        return Results.NoContent();
    }

    /// <summary>
    /// Decides on the citizen's stream with their personal details opened (410 once erased), and
    /// answers 204 with the new ETag. The key is found before the stream is loaded: the decision stays pure.
    /// </summary>
    public static async Task<IResult> ChangeWithDetails<TEvent>(
        this CommandContext context, DataKeyStore keys, Guid citizenId, Func<Citizen, PersonalDetails, DataKey, IReadOnlyList<TEvent>> decide)
        where TEvent : CitizenEvent
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(keys);
        var key = await keys.FindAsync(context.Session, citizenId, context.Cancellation);
        return await context.Change(citizenId, state => decide(state, PersonalDetails.Of(state, key), key!));
    }

    /// <summary>Decides on the card holder's stream and answers 204 with the new ETag.</summary>
    public static async Task<IResult> ChangeCard<TEvent>(this CommandContext context, Guid cardId, Func<Citizen, CitizenCard, IReadOnlyList<TEvent>> decide)
        where TEvent : CitizenEvent
    {
        await context.DecideForCard(cardId, decide);
        return Results.NoContent();
    }

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
    public static CardPublicKey ParsePublicKey(JsonElement? value)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } key)
        {
            throw new InvalidFieldException("publicKey", "The publicKey field is required: a JWK object {kty, crv, x, y} or a PEM public key string.");
        }

        return CardPublicKey.TryParse(key, out var error) ?? throw new InvalidFieldException("publicKey", error);
    }
}
