namespace CityServices.HealthRecords.Tests;

public sealed class ConsentTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "consents")
{
    [Fact]
    public async Task A_doctor_reads_with_consent_and_after_revocation_is_refused_and_the_attempt_logged()
    {
        // given a patient with one entry, and a doctor the patient consented to
        var patient = await Service.RegisterCitizenAsync(Ct);
        var doctor = Guid.NewGuid();
        var doctorCard = Guid.NewGuid();
        var doctorToken = Tokens.Doctor(Service, doctor, card: doctorCard);
        await Service.AddEntryAsync(patient, Tokens.Doctor(Service, Guid.NewGuid()), "diagnosis", "J06.9", "Acute upper respiratory infection", Ct, "unconscious on arrival");
        var consent = await Service.GrantConsentAsync(patient, "staff", doctor.ToString(), "read", Ct);

        // when the doctor reads under that consent
        var allowed = await Expect.JsonAsync(HttpStatusCode.OK,
            await Service.GetAsync($"/api/health-records/patients/{patient}/record?purpose=consent", doctorToken, Ct));

        // then the entry comes back decrypted, and the read is on record with the doctor's card
        var entry = Assert.Single(allowed.GetProperty("entries").EnumerateArray());
        Assert.Equal("J06.9", entry.GetProperty("code").GetString());
        Assert.Equal("Acute upper respiratory infection", entry.GetProperty("content").GetString());
        var access = Assert.Single((await Service.EventsOfAsync(patient, Ct)).Select(e => e.Data).OfType<RecordAccessed>());
        Assert.Equal((doctor, doctorCard, "doctor", AccessPurpose.Consent, false), (access.ReaderCitizenId, access.ReaderCardId, access.Role, access.Purpose, access.FlaggedEmergency));

        // when the patient revokes the consent and the doctor tries again
        await Expect.StatusAsync(HttpStatusCode.NoContent,
            await Service.SendAsync(HttpMethod.Delete, $"/api/health-records/me/consents/{consent}", Tokens.Patient(Service, patient), null, Ct));
        var refused = await Service.GetAsync($"/api/health-records/patients/{patient}/record?purpose=consent", doctorToken, Ct);

        // then 403 with no medical content, and the refusal is logged where the patient sees it
        await Expect.StatusAsync(HttpStatusCode.Forbidden, refused);
        Assert.DoesNotContain("respiratory", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var denied = Assert.Single((await Service.EventsOfAsync(patient, Ct)).Select(e => e.Data).OfType<AccessDenied>());
        Assert.Equal((doctor, doctorCard, AccessAction.Read, "no-consent"), (denied.ReaderCitizenId, denied.ReaderCardId, denied.Action, denied.Refusal));
        var log = await Expect.JsonAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/access-log", Tokens.Patient(Service, patient), Ct));
        Assert.Equal(["granted", "denied"], log.EnumerateArray().Select(i => i.GetProperty("outcome").GetString()));
        Assert.All(log.EnumerateArray(), i => Assert.Equal(doctor, i.GetProperty("readerCitizenId").GetGuid()));
    }

    [Fact]
    public async Task A_consent_to_an_organisation_covers_its_staff_and_no_one_else_and_ends_at_its_until()
    {
        // given a patient who lets the city hospital read for the next hour
        var patient = await Service.RegisterCitizenAsync(Ct);
        var until = Service.Clock.GetUtcNow().AddHours(1);
        await Service.GrantConsentAsync(patient, "organisation", Tokens.Hospital, "read", Ct, until);
        var path = $"/api/health-records/patients/{patient}/record?purpose=consent";

        // then a nurse of the hospital reads, a doctor of another clinic does not
        await Expect.StatusAsync(HttpStatusCode.OK, await Service.GetAsync(path, Tokens.Nurse(Service, Guid.NewGuid()), Ct));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await Service.GetAsync(path, Tokens.Doctor(Service, Guid.NewGuid(), "north-clinic"), Ct));

        // and a second before the hour is up the hospital still reads; a second after it, it is refused
        Service.Clock.Advance(until - Service.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await Expect.StatusAsync(HttpStatusCode.OK, await Service.GetAsync(path, Tokens.Nurse(Service, Guid.NewGuid()), Ct));
        Service.Clock.Advance(TimeSpan.FromSeconds(2));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await Service.GetAsync(path, Tokens.Nurse(Service, Guid.NewGuid()), Ct));
        var consents = await Expect.JsonAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/consents", Tokens.Patient(Service, patient), Ct));
        Assert.False(Assert.Single(consents.EnumerateArray()).GetProperty("inForce").GetBoolean());
    }

    [Fact]
    public async Task A_consent_names_a_known_kind_of_provider_and_a_future_until()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var token = Tokens.Patient(Service, patient);

        var badStaffId = await Service.PostAsync("/api/health-records/me/consents", token, new { provider = new { kind = "staff", id = "dr-house" }, access = "read" }, Ct);
        var pastUntil = await Service.PostAsync("/api/health-records/me/consents", token,
            new { provider = new { kind = "organisation", id = "city-hospital" }, access = "read", until = DateTimeOffset.UtcNow.AddDays(-1) }, Ct);
        var unknownAccess = await Service.PostAsync("/api/health-records/me/consents", token,
            new { provider = new { kind = "organisation", id = "city-hospital" }, access = "everything" }, Ct);
        var missingProvider = await Service.PostAsync("/api/health-records/me/consents", token, new { access = "read" }, Ct);

        foreach (var response in new[] { badStaffId, pastUntil, unknownAccess, missingProvider })
        {
            var problem = await Expect.JsonAsync(HttpStatusCode.BadRequest, response);
            Assert.Equal(JsonValueKind.Number, problem.GetProperty("status").ValueKind);
        }

        var revokeUnknown = await Service.SendAsync(HttpMethod.Delete, $"/api/health-records/me/consents/{Guid.NewGuid()}", token, null, Ct);
        await Expect.StatusAsync(HttpStatusCode.NotFound, revokeUnknown);
    }
}
