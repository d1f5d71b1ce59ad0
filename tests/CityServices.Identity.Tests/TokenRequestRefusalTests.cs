using CityServices.Identity.Tokens.CardSignIn;

namespace CityServices.Identity.Tests;

/// <summary>One token server and one staff member with a card, for every row of <see cref="TokenRequestRefusalTests"/>.</summary>
public sealed class TokenServerFixture(CityInfrastructure infrastructure) : IAsyncLifetime
{
    internal IdentityHost Identity { get; private set; } = null!;

    public Guid CardId { get; private set; }

    public ECDsa Key { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Identity = await IdentityHost.StartAsync(infrastructure, "token-refusals");
        using var registrar = await Identity.AsClientAsync(IdentityHost.Registrar);
        var citizenId = await IdentityHost.RegisterAsync(registrar);
        (CardId, Key) = await IdentityHost.IssueCardAsync(registrar, citizenId);
        // Staff in two departments, so a request for both is refused for asking for two, not for a missing role.
        foreach (var (client, role) in new[] { (IdentityHost.Health, "doctor"), (IdentityHost.Trade, "inspector") })
        {
            using var department = await Identity.AsClientAsync(client);
            using var granted = await department.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/staff-roles", new { role }, Ct);
            await Expect.StatusAsync(HttpStatusCode.Created, granted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Key.Dispose();
        await Identity.DisposeAsync();
    }
}

/// <summary>
/// The token server answers every refused request as an OAuth error (RFC 6749 §5.2): 400 with the
/// error code and a description, never a 500, and a refused card sign-in leaves its nonce unused.
/// </summary>
public sealed class TokenRequestRefusalTests(TokenServerFixture server) : IClassFixture<TokenServerFixture>
{
    private static readonly string[] FormFields = ["grant_type", "client_id", "client_secret", "scope", "card_id", "nonce", "signature"];

    private static readonly string[] HostileTexts = ["\u0000", "\u0007", "\u001b[2J", "\u202e", "\u200b", "\ufeff"];

    /// <summary>Rows of ScopeTableTests sent over HTTP, for the staff member of health-records and trade.</summary>
    public static TheoryData<string> CardScopeRefusals =>
    [
        "citizen trade voting", "citizen health-records trade", "citizen voting", "sharing", "citizen audit",
        "citizen bogus", "CITIZEN", "citizen citizen", "citizen trade trade", "citizen\ttrade", "citizen \"trade\"", "openid",
    ];

    public static TheoryData<string, string> ClientScopeRefusals => new()
    {
        { IdentityHost.Health, "trade" },
        { IdentityHost.Health, "health-records trade" },
        { IdentityHost.Health, "citizen" },
        { IdentityHost.Health, "audit" },
        { IdentityHost.Health, "health-records health-records" },
        { IdentityHost.Health, "bogus" },
        { IdentityHost.Auditor, "identity" },
        { IdentityHost.Reporter, "identity identity" },
    };

    public static TheoryData<string, string> HostileFormFields =>
        new(from name in FormFields from text in HostileTexts select (name, text));

    [Theory]
    [MemberData(nameof(CardScopeRefusals))]
    public async Task A_card_sign_in_for_a_refused_scope_combination_is_invalid_scope_and_keeps_its_nonce(string scope)
    {
        var challenge = await server.Identity.Cards.ChallengeAsync(server.CardId, Ct);

        using var response = await server.Identity.Cards.RequestTokenAsync(
            server.CardId, challenge.Nonce, CitizenCardClient.Sign(server.Key, challenge.Message), scope, Ct);

        await AssertOAuthErrorAsync("invalid_scope", response);
        Assert.Null((await server.Identity.Services.GetRequiredService<SignInChallenges>().FindAsync(challenge.Nonce, Ct))!.UsedAt);
    }

    [Theory]
    [InlineData("citizen", "citizen")]
    [InlineData("", "citizen")]
    [InlineData("trade", "citizen trade")]
    [InlineData("citizen health-records", "citizen health-records")]
    public async Task A_card_sign_in_within_the_table_is_granted_its_scopes(string scope, string granted)
    {
        var token = await server.Identity.Cards.SignInAsync(server.CardId, server.Key, scope, Ct);

        Assert.Equal(granted, new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.Single(claim => claim.Type == "scope").Value);
    }

    [Theory]
    [MemberData(nameof(ClientScopeRefusals))]
    public async Task A_client_asking_beyond_its_scopes_is_invalid_scope(string clientId, string scope)
    {
        using var response = await PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = IdentityHost.Clients[clientId].Secret,
            ["scope"] = scope,
        });

        await AssertOAuthErrorAsync("invalid_scope", response);
    }

    [Theory]
    [MemberData(nameof(HostileFormFields))]
    public async Task A_token_request_with_a_control_or_format_character_in_a_field_is_invalid_request(string field, string hostile)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = CitizenCardClient.GrantType,
            ["client_id"] = CitizenCardClient.PublicClientId,
            ["card_id"] = server.CardId.ToString(),
            ["nonce"] = "a-nonce",
            ["signature"] = "c2lnbmF0dXJl",
            ["scope"] = "citizen",
            ["client_secret"] = "a-secret",
        };
        form[field] = $"x{hostile}y";

        using var response = await PostTokenAsync(form);

        // A NUL travels as %00, which the form reader itself refuses, before any field is named.
        var description = await AssertOAuthErrorAsync("invalid_request", response);
        Assert.Contains(hostile == "\u0000" ? "NUL" : $"'{field}'", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("card_id=\u0000")]
    [InlineData("card_id=%00")]
    [InlineData("card_id=11111111-1111-1111-1111-111111111111%E2%80%AE")]
    [InlineData("card_id=00000000-0000-0000-0000-000000000000\u202e")]
    [InlineData("card_id=11111111-1111-1111-1111-111111111111&note=\u0007")]
    [InlineData("card_id=11111111-1111-1111-1111-111111111111&\u0000=x")]
    public async Task A_challenge_form_with_a_control_or_format_character_is_a_400_problem(string form)
    {
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await server.Identity.Http.PostAsync(ChallengeEndpoint.Path, content, Ct);

        await Expect.ProblemAsync(HttpStatusCode.BadRequest, response);
    }

    [Theory]
    [InlineData("""{"card_id":"\u0000"}""")]
    [InlineData("""{"card_id":"\ud800"}""")]
    [InlineData("""{"card_id":"\u200b11111111-1111-1111-1111-111111111111"}""")]
    [InlineData("""{"card_id":"11111111-1111-1111-1111-111111111111","card_id":"22222222-2222-2222-2222-222222222222"}""")]
    [InlineData("""{"card_id":""")]
    [InlineData("")]
    public async Task A_challenge_body_that_is_hostile_or_malformed_is_a_400_problem(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await server.Identity.Http.PostAsync(ChallengeEndpoint.Path, content, Ct);

        await Expect.ProblemAsync(HttpStatusCode.BadRequest, response);
    }

    private Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form) =>
        server.Identity.Http.PostAsync("/connect/token", new FormUrlEncodedContent(form), Ct);

    /// <summary>Asserts a 400 OAuth error with <paramref name="error"/> and a description in printable ASCII; returns the description.</summary>
    private static async Task<string> AssertOAuthErrorAsync(string error, HttpResponseMessage response)
    {
        var body = await Expect.JsonAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal(error, body.GetProperty("error").GetString());
        var description = body.GetProperty("error_description").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.All(description, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"U+{(int)c:X4} in \"{description}\""));
        return description;
    }
}
