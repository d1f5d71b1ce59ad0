using CityServices.Identity.Tokens.CardSignIn;

namespace CityServices.Identity.Tests;

public sealed class CardSignInTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private IdentityHost _identity = null!;
    private HttpClient _registrar = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await IdentityHost.StartAsync(infrastructure, "card-sign-in");
        _registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
    }

    public async ValueTask DisposeAsync()
    {
        _registrar.Dispose();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task A_citizen_signs_in_with_their_card_and_reads_their_own_record()
    {
        // given a registered citizen with a card
        var citizenId = await IdentityHost.RegisterAsync(_registrar);
        var (cardId, key) = await IdentityHost.IssueCardAsync(_registrar, citizenId);
        using var _ = key;

        // when they sign the challenge with the card's key
        var token = await _identity.Cards.SignInAsync(cardId, key, ct: Ct);

        // then the token names them and the card, with the citizen scope only
        var claims = new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.ToList();
        Assert.Equal(citizenId.ToString(), claims.Single(c => c.Type == "sub").Value);
        Assert.Equal(cardId.ToString(), claims.Single(c => c.Type == "card_id").Value);
        Assert.Equal("citizen", claims.Single(c => c.Type == "scope").Value);
        Assert.DoesNotContain(claims, c => c.Type is "department" or "role" or "organisation");

        // and with it they read their own record
        using var citizen = _identity.WithToken(token);
        var me = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me", Ct);
        Assert.Equal(citizenId, me.GetProperty("id").GetGuid());
        var cards = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me/cards", Ct);
        Assert.Equal(cardId, Assert.Single(cards.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_revoked_card_is_refused_and_stays_as_it_was()
    {
        // given a card revoked after it was issued
        var (citizenId, cardId, key) = await CitizenWithCardAsync();
        await PostAsync($"/api/identity/cards/{cardId}/revocation", new { reason = "stolen" }, HttpStatusCode.NoContent);
        var before = await CitizenAsync(citizenId);
        var challenge = await _identity.Cards.ChallengeAsync(cardId, Ct);

        // when its holder (or the thief) signs a challenge with it
        var (status, error) = await RedeemAsync(cardId, challenge.Nonce, CitizenCardClient.Sign(key, challenge.Message));

        // then the grant is refused, and neither the card nor the nonce changed
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, error));
        Assert.Equal(before.GetRawText(), (await CitizenAsync(citizenId)).GetRawText());
        Assert.Null((await ChallengeAsync(challenge.Nonce))!.UsedAt);
    }

    [Fact]
    public async Task A_suspended_card_is_refused_until_it_is_reinstated()
    {
        var (_, cardId, key) = await CitizenWithCardAsync();
        await PostAsync($"/api/identity/cards/{cardId}/suspension", new { reason = "reported lost" }, HttpStatusCode.NoContent);
        var challenge = await _identity.Cards.ChallengeAsync(cardId, Ct);
        var signature = CitizenCardClient.Sign(key, challenge.Message);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(cardId, challenge.Nonce, signature));
        Assert.Null((await ChallengeAsync(challenge.Nonce))!.UsedAt);

        // the same, still unused, nonce works once the card is reinstated
        await PostAsync($"/api/identity/cards/{cardId}/reinstatement", null, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.OK, (await RedeemAsync(cardId, challenge.Nonce, signature)).Status);
    }

    [Fact]
    public async Task A_nonce_is_redeemed_once()
    {
        var (_, cardId, key) = await CitizenWithCardAsync();
        var challenge = await _identity.Cards.ChallengeAsync(cardId, Ct);
        var signature = CitizenCardClient.Sign(key, challenge.Message);
        Assert.Equal(HttpStatusCode.OK, (await RedeemAsync(cardId, challenge.Nonce, signature)).Status);
        var used = (await ChallengeAsync(challenge.Nonce))!.UsedAt;

        // a replay of the very same request
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(cardId, challenge.Nonce, signature));
        Assert.Equal(used, (await ChallengeAsync(challenge.Nonce))!.UsedAt);
    }

    [Fact]
    public async Task Concurrent_redemptions_of_one_nonce_issue_one_token()
    {
        var (_, cardId, key) = await CitizenWithCardAsync();
        var challenge = await _identity.Cards.ChallengeAsync(cardId, Ct);
        var signature = CitizenCardClient.Sign(key, challenge.Message);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RedeemAsync(cardId, challenge.Nonce, signature)));

        Assert.Single(outcomes, outcome => outcome.Status == HttpStatusCode.OK);
        Assert.All(outcomes.Where(outcome => outcome.Status != HttpStatusCode.OK), outcome => Assert.Equal("invalid_grant", outcome.Error));
    }

    [Fact]
    public async Task A_signature_by_another_key_is_refused_and_does_not_burn_the_nonce()
    {
        var (_, cardId, key) = await CitizenWithCardAsync();
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var challenge = await _identity.Cards.ChallengeAsync(cardId, Ct);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(cardId, challenge.Nonce, CitizenCardClient.Sign(impostor, challenge.Message)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(cardId, challenge.Nonce, CitizenCardClient.Sign(key, "cityservices-card-sign-in:v1:another-nonce")));
        Assert.Null((await ChallengeAsync(challenge.Nonce))!.UsedAt);

        // the holder's own signature, in DER as openssl writes it, still redeems it
        var der = CitizenCardClient.Sign(key, challenge.Message, DSASignatureFormat.Rfc3279DerSequence);
        Assert.Equal(HttpStatusCode.OK, (await RedeemAsync(cardId, challenge.Nonce, der)).Status);
    }

    [Fact]
    public async Task A_nonce_issued_for_another_card_or_never_issued_is_refused()
    {
        var (_, cardId, key) = await CitizenWithCardAsync();
        var (_, otherCardId, otherKey) = await CitizenWithCardAsync();
        var challenge = await _identity.Cards.ChallengeAsync(otherCardId, Ct);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(cardId, challenge.Nonce, CitizenCardClient.Sign(key, challenge.Message)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(cardId, "never-issued", CitizenCardClient.Sign(key, "cityservices-card-sign-in:v1:never-issued")));
        Assert.Equal(HttpStatusCode.OK, (await RedeemAsync(otherCardId, challenge.Nonce, CitizenCardClient.Sign(otherKey, challenge.Message))).Status);
    }

    [Fact]
    public async Task A_death_revokes_the_card_and_its_sign_in()
    {
        var (citizenId, cardId, key) = await CitizenWithCardAsync();
        await PostAsync($"/api/identity/citizens/{citizenId}/death", new { diedOn = "2026-01-02" }, HttpStatusCode.NoContent);

        var citizen = await CitizenAsync(citizenId);
        Assert.Equal("2026-01-02", citizen.GetProperty("diedOn").GetString());
        var card = Assert.Single(citizen.GetProperty("cards").EnumerateArray());
        Assert.Equal(("revoked", "holder died"), (card.GetProperty("status").GetString(), card.GetProperty("statusReason").GetString()));

        var challenge = await _identity.Cards.ChallengeAsync(cardId, Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(cardId, challenge.Nonce, CitizenCardClient.Sign(key, challenge.Message)));
    }

    [Fact]
    public async Task A_replacement_card_signs_in_and_the_old_one_no_longer_does()
    {
        var (citizenId, oldCardId, oldKey) = await CitizenWithCardAsync();
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var response = await _registrar.PostAsJsonAsync($"/api/identity/cards/{oldCardId}/replacement",
            new { publicKey = newKey.ExportSubjectPublicKeyInfoPem() }, Ct);
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        var newCardId = (await Expect.BodyAsync(response)).GetProperty("id").GetGuid();

        var token = await _identity.Cards.SignInAsync(newCardId, newKey, ct: Ct);
        Assert.Equal(newCardId.ToString(), Claims(token).Single(c => c.Type == "card_id").Value);
        await Assert.ThrowsAsync<HttpRequestException>(() => _identity.Cards.SignInAsync(oldCardId, oldKey, ct: Ct));

        var cards = (await CitizenAsync(citizenId)).GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal([("revoked", (Guid?)null), ("active", oldCardId)],
            cards.Select(c => (c.GetProperty("status").GetString()!, c.GetProperty("replaces").ValueKind == JsonValueKind.Null ? (Guid?)null : c.GetProperty("replaces").GetGuid())));
    }

    [Fact]
    public async Task Staff_signed_in_for_their_department_carry_its_roles_and_organisations()
    {
        // given a doctor of the city hospital, granted by the health department
        var (citizenId, cardId, key) = await CitizenWithCardAsync();
        using var health = await _identity.AsClientAsync(IdentityHost.Health);
        using var granted = await health.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/staff-roles", new { role = "doctor", organisation = "city-hospital" }, Ct);
        await Expect.StatusAsync(HttpStatusCode.Created, granted);

        // when they sign in for the health-records scope
        var claims = Claims(await _identity.Cards.SignInAsync(cardId, key, "citizen health-records", Ct));

        // then the token says so, exactly as CityClaims documents it
        Assert.Equal("citizen health-records", claims.Single(c => c.Type == "scope").Value);
        Assert.Equal("health-records", claims.Single(c => c.Type == "department").Value);
        Assert.Equal("doctor", claims.Single(c => c.Type == "role").Value);
        Assert.Equal("city-hospital", claims.Single(c => c.Type == "organisation").Value);

        // and another department's scope, where they hold no role, is refused
        var challenge = await _identity.Cards.ChallengeAsync(cardId, Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_scope"),
            await RedeemAsync(cardId, challenge.Nonce, CitizenCardClient.Sign(key, challenge.Message), "citizen trade"));
        Assert.Null((await ChallengeAsync(challenge.Nonce))!.UsedAt);
    }

    [Fact]
    public async Task A_citizen_reads_only_their_own_record()
    {
        var (citizenA, cardA, keyA) = await CitizenWithCardAsync();
        var (citizenB, _, _) = await CitizenWithCardAsync();
        using var asA = _identity.WithToken(await _identity.Cards.SignInAsync(cardA, keyA, ct: Ct));

        Assert.Equal(citizenA, (await asA.GetFromJsonAsync<JsonElement>("/api/identity/me", Ct)).GetProperty("id").GetGuid());
        // the registry's route needs the identity scope, which a card token never has
        Assert.Equal(HttpStatusCode.Forbidden, (await asA.GetAsync($"/api/identity/citizens/{citizenB}", Ct)).StatusCode);
        // and a department token holds no citizen scope
        Assert.Equal(HttpStatusCode.Forbidden, (await _registrar.GetAsync("/api/identity/me", Ct)).StatusCode);
    }

    private async Task<(Guid CitizenId, Guid CardId, ECDsa Key)> CitizenWithCardAsync()
    {
        var citizenId = await IdentityHost.RegisterAsync(_registrar);
        var (cardId, key) = await IdentityHost.IssueCardAsync(_registrar, citizenId);
        return (citizenId, cardId, key);
    }

    private async Task<(HttpStatusCode Status, string? Error)> RedeemAsync(Guid cardId, string nonce, string signature, string scope = "citizen")
    {
        using var response = await _identity.Cards.RequestTokenAsync(cardId, nonce, signature, scope, Ct);
        var body = await Expect.BodyAsync(response);
        return (response.StatusCode, body.TryGetProperty("error", out var error) ? error.GetString() : null);
    }

    private Task<SignInChallenge?> ChallengeAsync(string nonce) =>
        _identity.Services.GetRequiredService<SignInChallenges>().FindAsync(nonce, Ct);

    private async Task<JsonElement> CitizenAsync(Guid citizenId) =>
        await _registrar.GetFromJsonAsync<JsonElement>($"/api/identity/citizens/{citizenId}", Ct);

    private async Task PostAsync(string path, object? body, HttpStatusCode expected)
    {
        using var response = await _registrar.PostAsJsonAsync(path, body ?? new { }, Ct);
        await Expect.StatusAsync(expected, response);
    }

    private static List<System.Security.Claims.Claim> Claims(string token) => [.. new JwtSecurityTokenHandler().ReadJwtToken(token).Claims];
}
