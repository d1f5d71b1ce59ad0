namespace CityServices.HealthRecords.Tests;

public sealed class EmergencyAccessTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "emergency")
{
    [Fact]
    public async Task An_emergency_read_without_a_reason_is_rejected_with_400_and_reads_nothing()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var doctor = Tokens.Doctor(Service, Guid.NewGuid());

        var withoutReason = await Service.GetAsync($"/api/health-records/patients/{patient}/record?purpose=emergency", doctor, Ct);
        var blankReason = await Service.GetAsync($"/api/health-records/patients/{patient}/record?purpose=emergency&reason=%20%20", doctor, Ct);
        var noPurpose = await Service.GetAsync($"/api/health-records/patients/{patient}/record", doctor, Ct);

        var problem = await Expect.JsonAsync(HttpStatusCode.BadRequest, withoutReason);
        Assert.Contains("reason", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Expect.StatusAsync(HttpStatusCode.BadRequest, blankReason);
        await Expect.StatusAsync(HttpStatusCode.BadRequest, noPurpose);
        Assert.Equal(1, await Service.StreamVersionAsync(patient, Ct)); // only RecordOpened
    }

    [Fact]
    public async Task An_emergency_read_without_consent_is_allowed_flagged_and_its_reason_shown_to_the_patient()
    {
        // given a patient who consented to no one, with an entry
        var patient = await Service.RegisterCitizenAsync(Ct);
        var entry = await Service.AddEntryAsync(patient, Tokens.Doctor(Service, Guid.NewGuid()), "prescription", "N02BE01", "Paracetamol 500 mg", Ct, "ambulance call");
        var doctor = Guid.NewGuid();

        // when a doctor breaks the glass for that entry
        var response = await Service.GetAsync(
            $"/api/health-records/patients/{patient}/entries/{entry}?purpose=emergency&reason=Unconscious%20in%20the%20emergency%20room",
            Tokens.Doctor(Service, doctor), Ct);

        // then the entry is returned, and the access is flagged with its reason (sealed in the event)
        var body = await Expect.JsonAsync(HttpStatusCode.OK, response);
        Assert.Equal("Paracetamol 500 mg", body.GetProperty("content").GetString());
        var access = Assert.Single((await Service.EventsOfAsync(patient, Ct)).Select(e => e.Data).OfType<RecordAccessed>());
        Assert.True(access.FlaggedEmergency);
        Assert.Equal((AccessPurpose.Emergency, AccessTarget.Entry, (Guid?)entry), (access.Purpose, access.Target, access.EntryId));
        Assert.DoesNotContain("Unconscious", access.SealedReason, StringComparison.Ordinal);

        var log = await Expect.JsonAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/access-log", Tokens.Patient(Service, patient), Ct));
        var item = Assert.Single(log.EnumerateArray());
        Assert.Equal(doctor, item.GetProperty("readerCitizenId").GetGuid());
        Assert.Equal("emergency", item.GetProperty("purpose").GetString());
        Assert.Equal("Unconscious in the emergency room", item.GetProperty("reason").GetString());
        Assert.Equal(entry.ToString(), item.GetProperty("target").GetString());
        Assert.True(item.GetProperty("flaggedEmergency").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_patient_or_entry_is_404_and_a_department_system_without_a_person_reads_nothing()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var doctor = Tokens.Doctor(Service, Guid.NewGuid());

        await Expect.StatusAsync(HttpStatusCode.NotFound,
            await Service.GetAsync($"/api/health-records/patients/{Guid.NewGuid()}/record?purpose=emergency&reason=x", doctor, Ct));
        await Expect.StatusAsync(HttpStatusCode.NotFound,
            await Service.GetAsync($"/api/health-records/patients/{patient}/entries/{Guid.NewGuid()}?purpose=emergency&reason=x", doctor, Ct));

        // a health-records department client, with the department's scope but no person behind it
        var system = Service.Issuer.CreateDepartmentToken("health-records-batch", "health-records", "health-records");
        await Expect.StatusAsync(HttpStatusCode.Forbidden,
            await Service.GetAsync($"/api/health-records/patients/{patient}/record?purpose=emergency&reason=x", system, Ct));
        Assert.Equal(1, await Service.StreamVersionAsync(patient, Ct));
    }
}
