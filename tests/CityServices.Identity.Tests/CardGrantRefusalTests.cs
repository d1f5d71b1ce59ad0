using CityServices.Identity.Tokens.CardSignIn;

namespace CityServices.Identity.Tests;

/// <summary>
/// Every refusal of the card grant, told apart by its reason (<c>error_description</c>), not by
/// its error code alone: a test of a refusal that fails for another reason than the one it names
/// proves nothing. A refused sign-in also leaves its nonce as it was, to be used by the real holder.
/// </summary>
public sealed class CardGrantRefusalTests(TokenServerFixture server) : IClassFixture<TokenServerFixture>, IAsyncLifetime
{
    private const string DoesNotVerify = "The signature does not verify with the card's public key.";

    private HttpClient Registrar { get; set; } = null!;

    public async ValueTask InitializeAsync() => Registrar = await server.Identity.AsClientAsync(IdentityHost.Registrar);

    public ValueTask DisposeAsync()
    {
        Registrar.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData(null, "card_id is required: the card's id (a UUID).")]
    [InlineData("not-a-uuid", "card_id is required: the card's id (a UUID).")]
    public async Task A_sign_in_without_a_card_id_is_invalid_request(string? cardId, string description)
    {
        var form = Form(cardId, "a-nonce", "c2lnbmF0dXJl");

        Assert.Equal(("invalid_request", description), await RefusalAsync(form));
    }

    [Theory]
    [InlineData(null, "c2lnbmF0dXJl")]
    [InlineData("", "c2lnbmF0dXJl")]
    [InlineData("a-nonce", null)]
    [InlineData("a-nonce", "")]
    public async Task A_sign_in_without_a_nonce_or_a_signature_is_invalid_request(string? nonce, string? signature)
    {
        var form = Form(server.CardId.ToString(), nonce, signature);

        Assert.Equal(("invalid_request", "nonce and signature are required."), await RefusalAsync(form));
    }

    [Theory]
    [InlineData("not*base64url")]
    [InlineData("abc=d")]
    [InlineData("A")]
    public async Task A_signature_that_is_not_base64url_is_invalid_request_and_keeps_the_nonce(string signature)
    {
        var challenge = await server.Identity.Cards.ChallengeAsync(server.CardId, Ct);

        var refusal = await RefusalAsync(Form(server.CardId.ToString(), challenge.Nonce, signature));

        Assert.Equal(("invalid_request", "signature must be base64url (IEEE P1363 r||s or DER)."), refusal);
        Assert.Null((await ChallengeAsync(challenge.Nonce))!.UsedAt);
    }

    [Fact]
    public async Task A_nonce_never_issued_or_issued_for_another_card_is_unknown_for_this_card()
    {
        var (_, otherCard, otherKey) = await CitizenWithCardAsync();
        using var _ = otherKey;
        var othersChallenge = await server.Identity.Cards.ChallengeAsync(otherCard, Ct);

        var neverIssued = await RefusalAsync(server.CardId, "never-issued", CitizenCardClient.Sign(server.Key, SignInChallenges.MessageFor("never-issued")));
        var others = await RefusalAsync(server.CardId, othersChallenge.Nonce, CitizenCardClient.Sign(server.Key, othersChallenge.Message));

        Assert.Equal(("invalid_grant", "The nonce is unknown for this card."), neverIssued);
        Assert.Equal(("invalid_grant", "The nonce is unknown for this card."), others);
        Assert.Null((await ChallengeAsync(othersChallenge.Nonce))!.UsedAt);
    }

    [Fact]
    public async Task A_card_no_citizen_holds_gets_no_challenge_and_its_nonce_is_unknown()
    {
        var unknownCard = Guid.NewGuid();

        using var challenge = await server.Identity.Http.PostAsync(ChallengeEndpoint.Path,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["card_id"] = unknownCard.ToString() }), Ct);
        var refusal = await RefusalAsync(unknownCard, "never-issued", CitizenCardClient.Sign(server.Key, SignInChallenges.MessageFor("never-issued")));

        var problem = await Expect.ProblemAsync(HttpStatusCode.BadRequest, challenge);
        Assert.Equal(["No card has this id."], problem.GetProperty("errors").GetProperty("card_id").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("invalid_grant", "The nonce is unknown for this card."), refusal);
    }

    [Fact]
    public async Task A_used_nonce_is_refused_as_used()
    {
        var challenge = await server.Identity.Cards.ChallengeAsync(server.CardId, Ct);
        var signature = CitizenCardClient.Sign(server.Key, challenge.Message);
        using (var first = await server.Identity.Cards.RequestTokenAsync(server.CardId, challenge.Nonce, signature, ct: Ct))
        {
            await Expect.StatusAsync(HttpStatusCode.OK, first);
        }

        Assert.Equal(("invalid_grant", "The nonce was already used; ask for a new challenge."), await RefusalAsync(server.CardId, challenge.Nonce, signature));
    }

    [Fact]
    public async Task A_signature_by_another_real_key_does_not_verify_and_keeps_the_nonce()
    {
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var challenge = await server.Identity.Cards.ChallengeAsync(server.CardId, Ct);

        var p1363 = await RefusalAsync(server.CardId, challenge.Nonce, CitizenCardClient.Sign(impostor, challenge.Message));
        var der = await RefusalAsync(server.CardId, challenge.Nonce, CitizenCardClient.Sign(impostor, challenge.Message, DSASignatureFormat.Rfc3279DerSequence));

        Assert.Equal(("invalid_grant", DoesNotVerify), p1363);
        Assert.Equal(("invalid_grant", DoesNotVerify), der);
        Assert.Null((await ChallengeAsync(challenge.Nonce))!.UsedAt);
    }

    [Theory]
    [MemberData(nameof(MalformedSignatures))]
    public async Task A_malformed_signature_does_not_verify_and_keeps_the_nonce(string why, byte[] signature)
    {
        var challenge = await server.Identity.Cards.ChallengeAsync(server.CardId, Ct);

        var refusal = await RefusalAsync(server.CardId, challenge.Nonce, System.Buffers.Text.Base64Url.EncodeToString(signature));

        Assert.True(refusal == ("invalid_grant", DoesNotVerify), $"{why}: {refusal}");
        Assert.Null((await ChallengeAsync(challenge.Nonce))!.UsedAt);
    }

    public static TheoryData<string, byte[]> MalformedSignatures()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = key.SignData("cityservices-card-sign-in:v1:x"u8.ToArray(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new()
        {
            { "a DER sequence cut short", der[..^3] },
            { "a DER sequence whose length byte lies", [0x30, 0x7f, .. der[2..]] },
            { "a DER sequence with bytes after it", [.. der, 0x00] },
            { "not a sequence at all", [0x04, .. der[1..]] },
            { "an empty DER sequence", [0x30, 0x00] },
            { "a P1363 pair of zeros", new byte[64] },
        };
    }

    [Fact]
    public async Task A_deceased_holders_card_is_refused_for_the_death_not_for_the_revocation_it_caused()
    {
        // given a citizen who died (which also revokes their card)
        var (citizenId, cardId, key) = await CitizenWithCardAsync();
        using var _ = key;
        await PostAsync($"/api/identity/citizens/{citizenId}/death", new { diedOn = "2026-01-02" });
        var challenge = await server.Identity.Cards.ChallengeAsync(cardId, Ct);

        // when the card signs in
        var refusal = await RefusalAsync(cardId, challenge.Nonce, CitizenCardClient.Sign(key, challenge.Message));

        // then the reason is the death
        Assert.Equal(("invalid_grant", "The card's holder is recorded as deceased."), refusal);
        Assert.Null((await ChallengeAsync(challenge.Nonce))!.UsedAt);
    }

    [Theory]
    [InlineData("revocation", "revoked")]
    [InlineData("suspension", "suspended")]
    public async Task A_living_holders_card_that_is_not_active_is_refused_naming_its_status(string action, string status)
    {
        var (_, cardId, key) = await CitizenWithCardAsync();
        using var _ = key;
        await PostAsync($"/api/identity/cards/{cardId}/{action}", new { reason = "lost" });
        var challenge = await server.Identity.Cards.ChallengeAsync(cardId, Ct);

        var refusal = await RefusalAsync(cardId, challenge.Nonce, CitizenCardClient.Sign(key, challenge.Message));

        Assert.Equal(("invalid_grant", $"The card is {status}."), refusal);
        Assert.Null((await ChallengeAsync(challenge.Nonce))!.UsedAt);
    }

    private async Task<(Guid CitizenId, Guid CardId, ECDsa Key)> CitizenWithCardAsync()
    {
        var citizenId = await IdentityHost.RegisterAsync(Registrar);
        var (cardId, key) = await IdentityHost.IssueCardAsync(Registrar, citizenId);
        return (citizenId, cardId, key);
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await Registrar.PostAsJsonAsync(path, body, Ct);
        await Expect.StatusAsync(HttpStatusCode.NoContent, response);
    }

    private static Dictionary<string, string> Form(string? cardId, string? nonce, string? signature)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = CitizenCardClient.GrantType,
            ["client_id"] = CitizenCardClient.PublicClientId,
            ["scope"] = "citizen",
        };
        foreach (var (name, value) in new[] { ("card_id", cardId), ("nonce", nonce), ("signature", signature) })
        {
            if (value is not null)
            {
                form[name] = value;
            }
        }

        return form;
    }

    private Task<(string Error, string Description)> RefusalAsync(Guid cardId, string nonce, string signature) =>
        RefusalAsync(Form(cardId.ToString(), nonce, signature));

    /// <summary>The 400 OAuth error of a refused token request, as (error, error_description).</summary>
    private async Task<(string Error, string Description)> RefusalAsync(Dictionary<string, string> form)
    {
        using var response = await server.Identity.Http.PostAsync("/connect/token", new FormUrlEncodedContent(form), Ct);
        var body = await Expect.JsonAsync(HttpStatusCode.BadRequest, response);
        return (body.GetProperty("error").GetString()!, body.GetProperty("error_description").GetString()!);
    }

    private Task<SignInChallenge?> ChallengeAsync(string nonce) =>
        server.Identity.Services.GetRequiredService<SignInChallenges>().FindAsync(nonce, Ct);
}
