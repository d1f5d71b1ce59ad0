using System.Text.Json;
using System.Text.Json.Serialization;
using CityServices.Identity.Citizens;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Problems;
using Marten;
using Microsoft.Extensions.Options;

namespace CityServices.Identity.Tokens.CardSignIn;

/// <summary>The answer to <c>POST /connect/challenge</c>: sign <c>message</c> (UTF-8) with the card's key.</summary>
public sealed record ChallengeResponse(
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("alg")] string Algorithm);

public static class ChallengeEndpoint
{
    public const string Path = "/connect/challenge";

    public static RouteHandlerBuilder MapChallenge(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (HttpRequest request, IQuerySession session, SignInChallenges challenges, TimeProvider clock, IOptions<CardSignInOptions> options, CancellationToken ct) =>
            {
                var cardId = await ReadCardIdAsync(request, ct);
                // Only for cards that exist; whether one is suspended or revoked is told at the token endpoint, to its holder.
                if (await session.LoadAsync<CardHolder>(cardId, ct) is null)
                {
                    throw new InvalidFieldException("card_id", "No card has this id.");
                }

                var lifetime = options.Value.NonceLifetime;
                var challenge = await challenges.IssueAsync(cardId, clock.GetUtcNow(), lifetime, ct);
                return Results.Ok(new ChallengeResponse(challenge.Nonce, challenge.Message, challenge.ExpiresAt, (int)Math.Ceiling(lifetime.TotalSeconds), "ES256"));
            })
            .AllowAnonymous()
            .WithTags("Token server")
            .WithName("CardSignInChallenge")
            .WithSummary("A single-use nonce for a card sign-in, and the exact message to sign with the card's key (form or JSON: card_id).")
            .Produces<ChallengeResponse>()
            .ProducesValidationProblem();

    private static async Task<Guid> ReadCardIdAsync(HttpRequest request, CancellationToken ct)
    {
        string? value;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException)
            {
                // ASP.NET Core's form reader refuses a NUL escaped as %00, and a form over its limits.
                throw new InvalidFieldException("body", "The form cannot be read: it holds a NUL character (%00), is malformed, or exceeds the form limits.");
            }

            RefuseHostileText(form);
            value = form["card_id"].ToString();
        }
        else if (request.HasJsonContentType())
        {
            try
            {
                // A key given twice is refused, as the service's JSON bodies refuse it.
                using var body = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { AllowDuplicateProperties = false }, ct);
                value = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("card_id", out var id)
                    && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            }
            // GetString throws InvalidOperationException for an escaped lone surrogate ("\ud800").
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw new InvalidFieldException("body", "The body is not valid JSON.");
            }
        }
        else
        {
            throw new InvalidFieldException("body", "Send card_id as application/x-www-form-urlencoded or as JSON {\"card_id\": \"…\"}.");
        }

        if (value is not null && TextPolicy.Refusal(value) is { } refusal)
        {
            throw new InvalidFieldException("card_id", $"The text {refusal}");
        }

        return Guid.TryParse(value, out var cardId)
            ? cardId
            : throw new InvalidFieldException("card_id", "card_id is required: the card's id (a UUID).");
    }

    /// <summary>Form fields pass the <see cref="TextPolicy"/> JSON bodies and query strings pass.</summary>
    private static void RefuseHostileText(IFormCollection form)
    {
        foreach (var (name, values) in form)
        {
            if (TextPolicy.Refusal(name) is { } nameRefusal)
            {
                throw new InvalidFieldException("body", $"A field's name {nameRefusal}");
            }

            foreach (var text in values)
            {
                if (text is not null && TextPolicy.Refusal(text) is { } refusal)
                {
                    throw new InvalidFieldException(name, $"The text {refusal}");
                }
            }
        }
    }
}
