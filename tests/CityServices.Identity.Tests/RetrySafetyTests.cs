using CityServices.EventPipeline.Commands.Idempotency;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Tests;

/// <summary>Issue 13 item 3 on identity: retried writes create nothing twice, and every Location answers GET.</summary>
public sealed class RetrySafetyTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private IdentityHost _identity = null!;
    private HttpClient _registrar = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await IdentityHost.StartAsync(infrastructure, "retry-safety");
        _registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
    }

    public async ValueTask DisposeAsync()
    {
        _registrar.Dispose();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task A_repeated_registration_409_names_the_citizen_already_registered()
    {
        // given a registered person
        var nationalId = IdentityHost.NewNationalId();
        var citizenId = await IdentityHost.RegisterAsync(_registrar, nationalId);

        // when the registry enters them again without a key
        using var again = await _registrar.PostAsJsonAsync("/api/identity/citizens", Registration(nationalId), Ct);

        // then the conflict names them, and its link answers with their record
        var problem = await Expect.ProblemAsync(new Problem(409, Type: ProblemTypes.Conflict), again);
        Assert.Equal(citizenId, problem.GetProperty("existingCitizenId").GetGuid());
        var link = problem.GetProperty("existingCitizen").GetString()!;
        Assert.Equal($"/api/identity/citizens/{citizenId}", link);
        var citizen = await Expect.JsonAsync(HttpStatusCode.OK, await _registrar.GetAsync(link, Ct));
        Assert.Equal(citizenId, citizen.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_registration_retried_with_its_key_gets_the_first_201_again()
    {
        var key = NewKey();
        var registration = Registration(IdentityHost.NewNationalId());

        using var first = await PostAsync("/api/identity/citizens", registration, key);
        using var retry = await PostAsync("/api/identity/citizens", registration, key);

        var created = await Expect.JsonAsync(HttpStatusCode.Created, first);
        Assert.Equal(created.GetRawText(), (await Expect.JsonAsync(HttpStatusCode.Created, retry)).GetRawText());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_card_issue_retried_with_its_key_issues_one_card()
    {
        var citizenId = await IdentityHost.RegisterAsync(_registrar);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = new { publicKey = IdentityHost.PublicJwk(key) };
        var idempotencyKey = NewKey();

        using var first = await PostAsync($"/api/identity/citizens/{citizenId}/cards", body, idempotencyKey);
        using var retry = await PostAsync($"/api/identity/citizens/{citizenId}/cards", body, idempotencyKey);

        var cardId = (await Expect.JsonAsync(HttpStatusCode.Created, first)).GetProperty("id").GetGuid();
        Assert.Equal(cardId, (await Expect.JsonAsync(HttpStatusCode.Created, retry)).GetProperty("id").GetGuid());
        var citizen = await Expect.JsonAsync(HttpStatusCode.OK, await _registrar.GetAsync($"/api/identity/citizens/{citizenId}", Ct));
        Assert.Equal([cardId], citizen.GetProperty("cards").EnumerateArray().Select(card => card.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Every_Location_a_command_answers_with_answers_GET_with_what_was_created()
    {
        // given a citizen, a card, its replacement and a staff role, each created through the API
        using var registered = await _registrar.PostAsJsonAsync("/api/identity/citizens", Registration(IdentityHost.NewNationalId()), Ct);
        var citizenId = (await Expect.JsonAsync(HttpStatusCode.Created, registered)).GetProperty("id").GetGuid();
        using var oldKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = await _registrar.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/cards", new { publicKey = IdentityHost.PublicJwk(oldKey) }, Ct);
        var cardId = (await Expect.JsonAsync(HttpStatusCode.Created, issued)).GetProperty("id").GetGuid();
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var replaced = await _registrar.PostAsJsonAsync($"/api/identity/cards/{cardId}/replacement", new { publicKey = IdentityHost.PublicJwk(newKey) }, Ct);
        var newCardId = (await Expect.JsonAsync(HttpStatusCode.Created, replaced)).GetProperty("id").GetGuid();
        using var health = await _identity.AsClientAsync(IdentityHost.Health);
        using var granted = await health.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/staff-roles", new { role = "doctor", organisation = "city-hospital" }, Ct);
        await Expect.StatusAsync(HttpStatusCode.Created, granted);

        // when each Location is followed
        var citizen = await FollowAsync(registered);
        var card = await FollowAsync(issued);
        var replacement = await FollowAsync(replaced);
        var holder = await FollowAsync(granted);

        // then each names what its command created
        Assert.Equal(citizenId, citizen.GetProperty("id").GetGuid());
        Assert.Equal((cardId, citizenId, "revoked"), (card.GetProperty("id").GetGuid(), card.GetProperty("citizenId").GetGuid(), card.GetProperty("status").GetString()));
        Assert.Equal((newCardId, cardId, "active"),
            (replacement.GetProperty("id").GetGuid(), replacement.GetProperty("replaces").GetGuid(), replacement.GetProperty("status").GetString()));
        Assert.Contains(holder.GetProperty("staffRoles").EnumerateArray(), role => role.GetProperty("role").GetString() == "doctor");
    }

    [Fact]
    public async Task A_card_that_does_not_exist_is_a_404_not_found_problem()
    {
        await Expect.ProblemAsync(new Problem(404, Type: ProblemTypes.NotFound), await _registrar.GetAsync($"/api/identity/cards/{Guid.NewGuid()}", Ct));
    }

    private async Task<JsonElement> FollowAsync(HttpResponseMessage created)
    {
        Assert.NotNull(created.Headers.Location);
        using var response = await _registrar.GetAsync(created.Headers.Location, Ct);
        return await Expect.JsonAsync(HttpStatusCode.OK, response);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation(IdempotencyKey.HeaderName, key);
        return await _registrar.SendAsync(request, Ct);
    }

    private static string NewKey() => $"\"{Guid.NewGuid()}\"";

    private static object Registration(string nationalId) =>
        new { nationalId, givenName = "Mei", familyName = "Lin", birthDate = "1990-04-12", district = "da-an" };
}
