using System.Buffers.Text;
using System.Text;
using CityServices.Identity.Citizens;
using CityServices.ServiceDefaults;
using Marten;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CityServices.Identity.Tokens.CardSignIn;

/// <summary>
/// The citizen-card grant: the holder of a card proves it by signing a challenge's message with
/// the card's private key. Checked in an order that changes nothing until everything holds: the
/// nonce is known, for this card, unused and unexpired; the card is active and its holder alive;
/// the signature verifies; the scopes are theirs. Only then is the nonce redeemed, atomically, and
/// a token issued. A bad signature therefore cannot burn someone else's nonce.
/// </summary>
public sealed partial class CardGrant(
    SignInChallenges challenges,
    IQuerySession session,
    TimeProvider clock,
    IOptions<TokenOptions> options,
    ILogger<CardGrant> logger)
{
    public const string GrantType = "urn:cityservices:params:oauth:grant-type:citizen-card";

    /// <summary>The public client a card sign-in names (no secret: the card's signature is the proof).</summary>
    public const string PublicClientId = "city-citizen";

    public async Task<IResult> HandleAsync(OpenIddictRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var nonce = (string?)request.GetParameter("nonce");
        var signatureText = (string?)request.GetParameter("signature");
        if (!Guid.TryParse((string?)request.GetParameter("card_id"), out var cardId))
        {
            return Refuse(Errors.InvalidRequest, "card_id is required: the card's id (a UUID).");
        }

        if (string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(signatureText))
        {
            return Refuse(Errors.InvalidRequest, "nonce and signature are required.");
        }

        if (!TryDecodeBase64Url(signatureText, out var signature))
        {
            return Refuse(Errors.InvalidRequest, "signature must be base64url (IEEE P1363 r||s or DER).");
        }

        var now = clock.GetUtcNow();
        var challenge = await challenges.FindAsync(nonce, ct);
        if (challenge is null || challenge.CardId != cardId)
        {
            return Refuse(Errors.InvalidGrant, "The nonce is unknown for this card.");
        }

        if (challenge.UsedAt is not null)
        {
            return Refuse(Errors.InvalidGrant, "The nonce was already used; ask for a new challenge.");
        }

        if (challenge.ExpiresAt <= now)
        {
            return Refuse(Errors.InvalidGrant, "The nonce has expired; ask for a new challenge.");
        }

        var citizen = await LoadHolderAsync(cardId, ct);
        var card = citizen?.Card(cardId);
        if (citizen is null || card is null)
        {
            return Refuse(Errors.InvalidGrant, "The card is unknown.");
        }

        if (!citizen.IsAlive)
        {
            return Refuse(Errors.InvalidGrant, "The card's holder is recorded as deceased.");
        }

        if (card.Status != CardStatus.Active)
        {
            return Refuse(Errors.InvalidGrant, $"The card is {card.Status.ToString().ToLowerInvariant()}.");
        }

        if (!card.PublicKey.Verifies(Encoding.UTF8.GetBytes(challenge.Message), signature))
        {
            return Refuse(Errors.InvalidGrant, "The signature does not verify with the card's public key.");
        }

        var scopes = ScopeTable.ForCard(request.Scope, citizen.StaffRoles.Select(role => role.Department));
        if (scopes.Refusal is { } scopeRefusal)
        {
            return Refuse(Errors.InvalidScope, scopeRefusal);
        }

        if (!await challenges.RedeemAsync(nonce, cardId, now, ct))
        {
            return Refuse(Errors.InvalidGrant, "The nonce was already used or has expired; ask for a new challenge.");
        }

        var identity = TokenResults.NewIdentity();
        identity.SetClaim(CityClaims.Subject, citizen.Id.ToString());
        identity.SetClaim(CityClaims.CardId, cardId.ToString());
        if (scopes.Granted.Skip(1).SingleOrDefault() is { } department)
        {
            var roles = citizen.StaffRoles.Where(role => role.Department == department).ToList();
            identity.SetClaim(CityClaims.Department, department);
            identity.SetClaims(CityClaims.Role, [.. roles.Select(role => role.Role).Distinct(StringComparer.Ordinal)]);
            identity.SetClaims(CityClaims.Organisation, [.. roles.Select(role => role.Organisation).OfType<string>().Distinct(StringComparer.Ordinal)]);
        }

        LogSignedIn(logger, citizen.Id, cardId);
        return TokenResults.Issue(identity, scopes.Granted, options.Value.CitizenAccessTokenLifetime);
    }

    private async Task<Citizen?> LoadHolderAsync(Guid cardId, CancellationToken ct) =>
        await session.LoadAsync<CardHolder>(cardId, ct) is { } holder
            ? await session.Events.AggregateStreamAsync<Citizen>(holder.CitizenId, token: ct)
            : null;

    private static bool TryDecodeBase64Url(string text, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return bytes.Length > 0;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    private IResult Refuse(string error, string description)
    {
        LogRefused(logger, error, description);
        return TokenResults.Refuse(error, description);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Card sign-in of citizen {CitizenId} with card {CardId}")]
    private static partial void LogSignedIn(ILogger logger, Guid citizenId, Guid cardId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Card sign-in refused: {Error}: {Description}")]
    private static partial void LogRefused(ILogger logger, string error, string description);
}
