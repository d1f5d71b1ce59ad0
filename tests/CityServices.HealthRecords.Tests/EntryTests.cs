using CityServices.Contracts.Identity;

namespace CityServices.HealthRecords.Tests;

public sealed class EntryTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "entries")
{
    private Task<HttpResponseMessage> AddAsync(Guid patient, string token, string kind, string? emergencyReason = null) =>
        Service.PostAsync($"/api/health-records/patients/{patient}/entries", token,
            new { kind, code = "R51", content = "Headache for three days", emergencyReason }, Ct);

    [Fact]
    public async Task A_nurse_may_add_notes_and_lab_results_but_not_diagnoses_or_prescriptions()
    {
        // given a patient who let the hospital write
        var patient = await Service.RegisterCitizenAsync(Ct);
        await Service.GrantConsentAsync(patient, "organisation", Tokens.Hospital, "write", Ct);
        var nurse = Tokens.Nurse(Service, Guid.NewGuid());

        await Expect.StatusAsync(HttpStatusCode.Created, await AddAsync(patient, nurse, "note"));
        await Expect.StatusAsync(HttpStatusCode.Created, await AddAsync(patient, nurse, "lab-result"));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await AddAsync(patient, nurse, "diagnosis"));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await AddAsync(patient, nurse, "prescription", "even in an emergency"));
        await Expect.StatusAsync(HttpStatusCode.Created, await AddAsync(patient, Tokens.Doctor(Service, Guid.NewGuid()), "diagnosis"));

        var added = (await Service.EventsOfAsync(patient, Ct)).Select(e => e.Data).OfType<RecordEntryAdded>().ToList();
        Assert.Equal([EntryKind.Note, EntryKind.LabResult, EntryKind.Diagnosis], added.Select(e => e.Kind));
        Assert.All(added, e => Assert.Equal(AccessPurpose.Consent, e.Basis));
    }

    [Fact]
    public async Task Writing_needs_write_consent_or_an_emergency_reason_and_a_refusal_is_logged()
    {
        // given a patient who let one doctor only read
        var patient = await Service.RegisterCitizenAsync(Ct);
        var doctor = Guid.NewGuid();
        await Service.GrantConsentAsync(patient, "staff", doctor.ToString(), "read", Ct);
        var token = Tokens.Doctor(Service, doctor);

        // when the doctor writes without write consent, then in an emergency
        var refused = await AddAsync(patient, token, "diagnosis");
        var emergency = await AddAsync(patient, token, "diagnosis", "Patient arrived unconscious");

        // then the first is refused and logged, the second stored and flagged
        await Expect.StatusAsync(HttpStatusCode.Forbidden, refused);
        await Expect.StatusAsync(HttpStatusCode.Created, emergency);
        var events = (await Service.EventsOfAsync(patient, Ct)).Select(e => e.Data).ToList();
        var denied = Assert.Single(events.OfType<AccessDenied>());
        Assert.Equal((AccessAction.Write, doctor), (denied.Action, denied.ReaderCitizenId));
        Assert.Equal(AccessPurpose.Emergency, Assert.Single(events.OfType<RecordEntryAdded>()).Basis);

        var record = await Expect.JsonAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/record", Tokens.Patient(Service, patient), Ct));
        var entry = Assert.Single(record.GetProperty("entries").EnumerateArray());
        Assert.True(entry.GetProperty("flaggedEmergency").GetBoolean());
        Assert.Equal("Patient arrived unconscious", entry.GetProperty("emergencyReason").GetString());
        Assert.Equal(doctor, entry.GetProperty("authorId").GetGuid());
    }

    [Fact]
    public async Task After_the_patients_death_the_record_takes_no_entries_but_stays_readable()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var doctor = Tokens.Doctor(Service, Guid.NewGuid());
        await Expect.StatusAsync(HttpStatusCode.Created, await AddAsync(patient, doctor, "note", "ambulance"));

        await Service.IdentityBus.Publish(new CitizenDied(patient, new DateOnly(2026, 1, 2), DateTimeOffset.UtcNow), Ct);
        await Eventually.UntilAsync(async () => (await Service.EventsOfAsync(patient, Ct)).Any(e => e.Data is RecordClosed), closed => closed, "the record to close");

        await Expect.StatusAsync(HttpStatusCode.Conflict, await AddAsync(patient, doctor, "note", "ambulance"));
        var record = await Expect.JsonAsync(HttpStatusCode.OK,
            await Service.GetAsync($"/api/health-records/patients/{patient}/record?purpose=emergency&reason=post-mortem", doctor, Ct));
        Assert.Single(record.GetProperty("entries").EnumerateArray());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, record.GetProperty("closedAt").ValueKind);
    }

    [Fact]
    public async Task An_entry_must_have_a_known_kind_a_code_and_content()
    {
        var patient = await Service.RegisterCitizenAsync(Ct);
        var doctor = Tokens.Doctor(Service, Guid.NewGuid());
        var path = $"/api/health-records/patients/{patient}/entries";

        await Expect.StatusAsync(HttpStatusCode.BadRequest, await Service.PostAsync(path, doctor, new { kind = "surgery", code = "R51", content = "x", emergencyReason = "r" }, Ct));
        await Expect.StatusAsync(HttpStatusCode.BadRequest, await Service.PostAsync(path, doctor, new { kind = "note", code = "", content = "x", emergencyReason = "r" }, Ct));
        await Expect.StatusAsync(HttpStatusCode.BadRequest, await Service.PostAsync(path, doctor, new { kind = "note", code = "R51", emergencyReason = "r" }, Ct));
        await Expect.StatusAsync(HttpStatusCode.BadRequest, await Service.PostAsync(path, doctor, new { code = "R51", content = "x", emergencyReason = "r" }, Ct));
        await Expect.StatusAsync(HttpStatusCode.NotFound, await Service.PostAsync($"/api/health-records/patients/{Guid.NewGuid()}/entries", doctor,
            new { kind = "note", code = "R51", content = "x", emergencyReason = "r" }, Ct));
    }
}
