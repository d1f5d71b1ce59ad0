using CityServices.Contracts.Identity;

namespace CityServices.HealthRecords.Tests;

/// <summary>
/// Identity's card and staff events, published on the service's broker prefix as identity's outbox
/// does, make the service refuse the tokens they invalidate within seconds, from its own memory.
/// </summary>
public sealed class RevocationTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "revocation")
{
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_revoked_cards_token_is_refused_within_5_seconds_and_another_card_of_the_citizen_still_works()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var (lostCard, keptCard) = (Guid.NewGuid(), Guid.NewGuid());
        var lostToken = Tokens.Patient(Service, patient, lostCard);
        var keptToken = Tokens.Patient(Service, patient, keptCard);
        await Expect.StatusAsync(HttpStatusCode.OK, await MyConsentsAsync(lostToken));

        await Service.IdentityBus.Publish(new CitizenCardRevoked(lostCard, patient, "stolen", DateTimeOffset.UtcNow), Ct);

        var refused = await Eventually.UntilAsync(() => MyConsentsAsync(lostToken), r => r.StatusCode == HttpStatusCode.Unauthorized,
            "the revoked card's token to be refused", WithinSeconds);
        await Expect.ProblemAsync(HttpStatusCode.Unauthorized, refused);
        Assert.Contains("invalid_token", Assert.Single(refused.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
        await Expect.StatusAsync(HttpStatusCode.OK, await MyConsentsAsync(keptToken));
    }

    [Fact]
    public async Task A_reinstated_card_works_again_with_a_new_token_but_not_with_one_from_before_its_suspension()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var card = Guid.NewGuid();
        var suspendedAt = DateTimeOffset.UtcNow.AddSeconds(-10);
        var before = Service.Issuer.CreateCitizenToken(patient, card, issuedAt: suspendedAt.UtcDateTime.AddSeconds(-5));

        await Service.IdentityBus.Publish(new CitizenCardSuspended(card, patient, "reported lost", suspendedAt), Ct);
        await Eventually.UntilAsync(() => MyConsentsAsync(before), r => r.StatusCode == HttpStatusCode.Unauthorized,
            "the suspended card's token to be refused", WithinSeconds);
        var reinstatedAt = suspendedAt.AddSeconds(2);
        await Service.IdentityBus.Publish(new CitizenCardReinstated(card, patient, reinstatedAt), Ct);
        var after = Service.Issuer.CreateCitizenToken(patient, card, issuedAt: reinstatedAt.UtcDateTime.AddSeconds(1));

        await Eventually.UntilAsync(() => MyConsentsAsync(after), r => r.StatusCode == HttpStatusCode.OK,
            "a token issued after reinstatement to be accepted", WithinSeconds);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MyConsentsAsync(before)).StatusCode);
    }

    [Fact]
    public async Task A_token_carrying_a_withdrawn_staff_role_is_refused_and_other_staff_are_not()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var (doctor, colleague) = (await Service.RegisterCitizenAsync(Ct), Guid.NewGuid());
        var doctorToken = Tokens.Doctor(Service, doctor);
        var colleagueToken = Tokens.Doctor(Service, colleague);
        await Expect.StatusAsync(HttpStatusCode.OK, await EmergencyReadAsync(patient, doctorToken));

        await Service.IdentityBus.Publish(
            new StaffRoleWithdrawn(doctor, "health-records", "doctor", Tokens.Hospital, "health-records-department", DateTimeOffset.UtcNow), Ct);

        var refused = await Eventually.UntilAsync(() => EmergencyReadAsync(patient, doctorToken), r => r.StatusCode == HttpStatusCode.Unauthorized,
            "the withdrawn role's token to be refused", WithinSeconds);
        await Expect.ProblemAsync(HttpStatusCode.Unauthorized, refused);
        await Expect.StatusAsync(HttpStatusCode.OK, await EmergencyReadAsync(patient, colleagueToken));
        await Expect.StatusAsync(HttpStatusCode.OK, await MyConsentsAsync(Tokens.Patient(Service, doctor)));
    }

    private Task<HttpResponseMessage> MyConsentsAsync(string token) => Service.GetAsync("/api/health-records/me/consents", token, Ct);

    private Task<HttpResponseMessage> EmergencyReadAsync(Guid patient, string token) =>
        Service.GetAsync($"/api/health-records/patients/{patient}/record?purpose=emergency&reason=trauma", token, Ct);
}
