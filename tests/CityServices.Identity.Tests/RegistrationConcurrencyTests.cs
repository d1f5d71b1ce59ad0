using CityServices.Identity.Citizens;
using Marten;

namespace CityServices.Identity.Tests;

public sealed class RegistrationConcurrencyTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private IdentityHost _identity = null!;

    public async ValueTask InitializeAsync() => _identity = await IdentityHost.StartAsync(infrastructure, "registration-race");

    public async ValueTask DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task Fifty_concurrent_registrations_of_one_national_id_register_one_citizen()
    {
        using var registrar = await _identity.AsClientAsync(IdentityHost.Registrar);
        var nationalId = IdentityHost.NewNationalId();
        using var start = new SemaphoreSlim(0);

        var attempts = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.WaitAsync(Ct);
            // Spelled differently each time: uniqueness is of the normalised id.
            var spelling = i % 2 == 0 ? nationalId : $"{nationalId[..1].ToLowerInvariant()}-{nationalId[1..]}";
            using var response = await registrar.PostAsJsonAsync("/api/identity/citizens",
                new { nationalId = spelling, givenName = $"Person {i}", familyName = "Race", birthDate = "1990-01-01", district = "da-an" }, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            return (response.StatusCode, body);
        }).ToList();
        start.Release(50);
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o.StatusCode == HttpStatusCode.Created);
        var conflicts = outcomes.Where(o => o.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(49, conflicts.Count);
        Assert.All(conflicts, o =>
        {
            Assert.Equal(HttpStatusCode.Conflict, o.StatusCode);
            Assert.Contains("national id is already registered", o.body, StringComparison.Ordinal);
        });

        // and exactly one citizen was registered (this class's database holds no other), holding the claim
        await using var session = _identity.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var registered = await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "identity.citizen_registered").ToListAsync(Ct);
        var claim = await session.LoadAsync<NationalIdClaim>(_identity.Services.GetRequiredService<NationalIdIndex>().Of(nationalId), Ct);
        Assert.Equal(claim!.CitizenId, Assert.Single(registered).StreamId);
    }
}
