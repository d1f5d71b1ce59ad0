using System.Text;

namespace CityServices.Identity.Tests;

public sealed class RegistryApiTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private IdentityHost _identity = null!;
    private HttpClient _registrar = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await IdentityHost.StartAsync(infrastructure, "registry-api");
        _registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
    }

    public async ValueTask DisposeAsync()
    {
        _registrar.Dispose();
        await _identity.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"nationalId":"A1","givenName":"Mei","familyName":"Lin","birthDate":"1990-04-12","district":"da-an"}""", "nationalId")]
    [InlineData("""{"nationalId":"A123456789","givenName":"Mei","familyName":"Lin","birthDate":"1990-02-30","district":"da-an"}""", "birthDate")]
    [InlineData("""{"nationalId":"A123456789","givenName":"Mei","familyName":"Lin","birthDate":"2999-01-01","district":"da-an"}""", "birthDate")]
    [InlineData("""{"nationalId":"A123456789","givenName":"Mei","familyName":"Lin","birthDate":"1990-04-12","district":"da-an","nickname":"M"}""", "nickname")]
    [InlineData("""{"nationalId":"A123456789","givenName":"","familyName":"Lin","birthDate":"1990-04-12","district":"da-an"}""", "givenName")]
    [InlineData("""{"nationalId":"A123456789","givenName":"Mei","familyName":"Lin","birthDate":"1990-04-12","district":"Da An!"}""", "district")]
    [InlineData("""{"nationalId":"A123456789","givenName":"Mei","familyName":"Lin","birthDate":"1990-04-12"}""", "district")]
    public async Task An_invalid_registration_is_a_400_naming_the_field(string body, string field)
    {
        using var response = await _registrar.PostAsync("/api/identity/citizens", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await AssertProblemNamesAsync(response, field);
    }

    [Fact]
    public async Task A_key_that_is_not_P256_is_a_400_naming_publicKey()
    {
        var citizenId = await IdentityHost.RegisterAsync(_registrar);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        object[] badKeys =
        [
            new { kty = "EC", crv = "P-384", x = "AAAA", y = "AAAA" },
            p384.ExportSubjectPublicKeyInfoPem(),
            rsa.ExportSubjectPublicKeyInfoPem(),
            p256.ExportPkcs8PrivateKeyPem(),
            new { kty = "EC", crv = "P-256", x = Convert.ToBase64String(new byte[32]).TrimEnd('='), y = "AAAA" },
            "not a key",
        ];

        foreach (var key in badKeys)
        {
            using var response = await _registrar.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/cards", new { publicKey = key }, Ct);
            await AssertProblemNamesAsync(response, "publicKey");
        }

        // and nothing was issued
        var citizen = await _registrar.GetFromJsonAsync<JsonElement>($"/api/identity/citizens/{citizenId}", Ct);
        Assert.Empty(citizen.GetProperty("cards").EnumerateArray());
    }

    [Fact]
    public async Task Calls_without_a_token_are_401_and_with_another_scope_403()
    {
        using var health = await _identity.AsClientAsync(IdentityHost.Health);
        var citizen = new { nationalId = IdentityHost.NewNationalId(), givenName = "Mei", familyName = "Lin", birthDate = "1990-04-12", district = "da-an" };

        using var anonymous = await _identity.Http.PostAsJsonAsync("/api/identity/citizens", citizen, Ct);
        using var wrongScope = await health.PostAsJsonAsync("/api/identity/citizens", citizen, Ct);
        using var export = await health.GetAsync("/api/identity/audit/events", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
    }

    [Fact]
    public async Task Corrections_and_moves_change_the_record_and_a_stale_If_Match_changes_nothing()
    {
        var citizenId = await IdentityHost.RegisterAsync(_registrar, givenName: "Mey");
        var path = $"/api/identity/citizens/{citizenId}";

        using var corrected = await SendAsync(HttpMethod.Post, $"{path}/corrections", new { givenName = "Mei", familyName = "Lin", birthDate = "1990-04-13" }, ifMatch: "\"1\"");
        await Expect.StatusAsync(HttpStatusCode.NoContent, corrected);
        Assert.Equal("\"2\"", corrected.Headers.ETag?.Tag);

        using var stale = await SendAsync(HttpMethod.Post, $"{path}/moves", new { district = "xinyi" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        using var moved = await SendAsync(HttpMethod.Post, $"{path}/moves", new { district = "xinyi" }, ifMatch: "\"2\"");
        await Expect.StatusAsync(HttpStatusCode.NoContent, moved);

        using var read = await _registrar.GetAsync(path, Ct);
        var citizen = await Expect.BodyAsync(read);
        Assert.Equal("\"3\"", read.Headers.ETag?.Tag);
        Assert.Equal(("Mei", "Lin", "1990-04-13", "xinyi", 3),
            (citizen.GetProperty("givenName").GetString(), citizen.GetProperty("familyName").GetString(),
             citizen.GetProperty("birthDate").GetString(), citizen.GetProperty("district").GetString(), citizen.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_second_card_while_one_is_live_is_a_409()
    {
        var citizenId = await IdentityHost.RegisterAsync(_registrar);
        var (_, key) = await IdentityHost.IssueCardAsync(_registrar, citizenId);
        using var _ = key;
        using var another = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var response = await _registrar.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/cards", new { publicKey = IdentityHost.PublicJwk(another) }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task A_department_grants_and_withdraws_its_own_staff_roles()
    {
        var citizenId = await IdentityHost.RegisterAsync(_registrar);
        var roles = $"/api/identity/citizens/{citizenId}/staff-roles";
        using var health = await _identity.AsClientAsync(IdentityHost.Health);
        using var reporter = await _identity.AsClientAsync(IdentityHost.Reporter);

        using var granted = await health.PostAsJsonAsync(roles, new { role = "doctor", organisation = "city-hospital" }, Ct);
        await Expect.StatusAsync(HttpStatusCode.Created, granted);
        using var twice = await health.PostAsJsonAsync(roles, new { role = "doctor", organisation = "city-hospital" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        // a client without a department claim speaks for no department
        using var noDepartment = await reporter.PostAsJsonAsync(roles, new { role = "clerk" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, noDepartment.StatusCode);
        using var badRole = await health.PostAsJsonAsync(roles, new { role = "Chief Doctor" }, Ct);
        await AssertProblemNamesAsync(badRole, "role");

        var citizen = await _registrar.GetFromJsonAsync<JsonElement>($"/api/identity/citizens/{citizenId}", Ct);
        var role = Assert.Single(citizen.GetProperty("staffRoles").EnumerateArray());
        Assert.Equal(("health-records", "doctor", "city-hospital"),
            (role.GetProperty("department").GetString(), role.GetProperty("role").GetString(), role.GetProperty("organisation").GetString()));

        // another department cannot withdraw it: it is not theirs
        using var trade = await _identity.AsClientAsync(IdentityHost.Trade);
        Assert.Equal(HttpStatusCode.NotFound, (await trade.DeleteAsync($"{roles}/doctor?organisation=city-hospital", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await health.DeleteAsync($"{roles}/doctor?organisation=city-hospital", Ct)).StatusCode);
        citizen = await _registrar.GetFromJsonAsync<JsonElement>($"/api/identity/citizens/{citizenId}", Ct);
        Assert.Empty(citizen.GetProperty("staffRoles").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_citizen_is_a_404()
    {
        using var response = await _registrar.GetAsync($"/api/identity/citizens/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_routes()
    {
        var document = await _identity.Http.GetStringAsync("/openapi/v1.json", Ct);

        Assert.All(["/api/identity/citizens", "/api/identity/cards/{cardId}/replacement", "/api/identity/me", "/connect/challenge"],
            route => Assert.Contains($"\"{route}\"", document, StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string ifMatch)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _registrar.SendAsync(request, Ct);
    }

    private static async Task AssertProblemNamesAsync(HttpResponseMessage response, string field)
    {
        var problem = await Expect.ProblemAsync(HttpStatusCode.BadRequest, response);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
        Assert.True(errors.Contains(field, StringComparer.OrdinalIgnoreCase), $"Expected an error for {field}: {problem}");
    }
}
