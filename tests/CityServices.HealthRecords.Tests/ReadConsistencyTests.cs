using JasperFx;

namespace CityServices.HealthRecords.Tests;

/// <summary>
/// What LoggedReads rests on: an access is appended at the version whose consents were checked,
/// so a revocation committed in between makes the access's commit fail (and the read is decided again).
/// </summary>
public sealed class ReadConsistencyTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "consistency")
{
    [Fact]
    public async Task An_access_decided_under_a_consent_revoked_before_its_commit_cannot_be_committed()
    {
        // given a doctor's read decided while the consent was in force
        var patient = await Service.RegisterCitizenAsync(Ct);
        var doctor = Guid.NewGuid();
        var consent = await Service.GrantConsentAsync(patient, "staff", doctor.ToString(), "read", Ct);
        await using var read = Service.Store.LightweightSession();
        var seen = await read.Events.FetchForWriting<PatientRecord>(patient, Ct);
        Assert.Single(seen.Aggregate!.Consents, c => c.Id == consent && c.RevokedAt is null);

        // when the patient's revocation commits first
        await Expect.StatusAsync(System.Net.HttpStatusCode.NoContent, await Service.SendAsync(
            HttpMethod.Delete, $"/api/health-records/me/consents/{consent}", Tokens.Patient(Service, patient), null, Ct));

        // then the access cannot be stored on the stale state
        seen.AppendOne(new RecordAccessed(patient, Guid.NewGuid(), doctor, Guid.NewGuid(), "doctor", AccessPurpose.Consent,
            null, AccessTarget.Record, null, false, DateTimeOffset.UtcNow));
        await Assert.ThrowsAnyAsync<ConcurrencyException>(() => read.SaveChangesAsync(Ct));
    }
}
