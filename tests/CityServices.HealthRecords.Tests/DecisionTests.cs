using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Consents.Granting;
using CityServices.HealthRecords.Consents.Revoking;
using CityServices.HealthRecords.Records.Erasing;
using CityServices.HealthRecords.Records;
using CityServices.HealthRecords.Records.AddingEntries;
using CityServices.HealthRecords.Records.Reading;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Tests;

/// <summary>The pure decisions, without a database: state, command and time in, events out.</summary>
public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid PatientId = Guid.NewGuid();
    private static readonly Reader Doctor = new(Guid.NewGuid(), Guid.NewGuid(), HealthRoles.Doctor, ["city-hospital"]);

    private static PatientRecord Record(params PatientRecordEvent[] events) =>
        events.Aggregate(PatientRecord.Create(new RecordOpened(PatientId, Now.AddYears(-1), Now.AddYears(-1))), (state, e) => state.Apply(e));

    private static ConsentGranted Consent(ProviderKind kind, string provider, ConsentAccess access, DateTimeOffset? until = null) =>
        new(PatientId, Guid.NewGuid(), kind, provider, access, until, Now.AddDays(-1));

    [Fact]
    public void A_read_under_consent_without_one_is_denied_and_names_the_reader()
    {
        var accessId = Guid.NewGuid();

        var decided = ReadDecision.Decide(Record(), Doctor, new ReadRequest(AccessPurpose.Consent, null, AccessTarget.Record, null), accessId, null, Now);

        Assert.Equal(
            new AccessDenied(PatientId, accessId, Doctor.CitizenId, Doctor.CardId, HealthRoles.Doctor, AccessPurpose.Consent,
                AccessAction.Read, AccessTarget.Record, null, ReadDecision.NoConsent, Now),
            decided);
    }

    [Fact]
    public void Consent_to_the_organisation_covers_its_staff_until_it_runs_out_and_write_includes_read()
    {
        var record = Record(Consent(ProviderKind.Organisation, "city-hospital", ConsentAccess.Write, Now.AddHours(1)));
        var request = new ReadRequest(AccessPurpose.Consent, null, AccessTarget.Record, null);

        Assert.IsType<RecordAccessed>(ReadDecision.Decide(record, Doctor, request, Guid.NewGuid(), null, Now));
        Assert.IsType<AccessDenied>(ReadDecision.Decide(record, Doctor, request, Guid.NewGuid(), null, Now.AddHours(1)));
        Assert.IsType<AccessDenied>(ReadDecision.Decide(record, Doctor with { Organisations = ["north-clinic"] }, request, Guid.NewGuid(), null, Now));
    }

    [Fact]
    public void A_revoked_consent_no_longer_counts_and_a_read_consent_does_not_allow_writing()
    {
        var grant = Consent(ProviderKind.Staff, Doctor.CitizenId.ToString("D"), ConsentAccess.Read);
        var entry = new SealedEntry(Guid.NewGuid(), EntryKind.Note, "c2VhbGVk", null);

        Assert.IsType<AccessDenied>(AddRecordEntryEndpoint.Decide(Record(grant), Doctor, entry, Now));
        Assert.Equal(
            new RecordEntryAdded(PatientId, entry.EntryId, EntryKind.Note, "c2VhbGVk", Doctor.CitizenId, Doctor.CardId, HealthRoles.Doctor,
                AccessPurpose.Emergency, "cmVhc29u", Now),
            AddRecordEntryEndpoint.Decide(Record(grant), Doctor, entry with { SealedEmergencyReason = "cmVhc29u" }, Now));
        var revoked = Record(grant, new ConsentRevoked(PatientId, grant.ConsentId, Now.AddMinutes(-1)));
        Assert.IsType<AccessDenied>(ReadDecision.Decide(revoked, Doctor, new ReadRequest(AccessPurpose.Consent, null, AccessTarget.Record, null), Guid.NewGuid(), null, Now));
    }

    [Fact]
    public void An_emergency_read_is_allowed_without_consent_and_flagged()
    {
        var accessId = Guid.NewGuid();

        var decided = ReadDecision.Decide(Record(), Doctor, new ReadRequest(AccessPurpose.Emergency, "stroke", AccessTarget.Record, null), accessId, "c2VhbGVk", Now);

        Assert.Equal(
            new RecordAccessed(PatientId, accessId, Doctor.CitizenId, Doctor.CardId, HealthRoles.Doctor, AccessPurpose.Emergency,
                "c2VhbGVk", AccessTarget.Record, null, true, Now),
            decided);
    }

    [Fact]
    public void A_closed_or_erased_record_takes_no_entries_and_is_erased_only_once()
    {
        var entry = new SealedEntry(Guid.NewGuid(), EntryKind.Note, "c2VhbGVk", "cmVhc29u");
        var closed = Record(new RecordClosed(PatientId, new DateOnly(2026, 11, 1), Now));
        var erased = Record(new RecordErased(PatientId, Guid.NewGuid(), Guid.NewGuid(), "GDPR Art. 17", Now));

        Assert.Throws<ConflictException>(() => AddRecordEntryEndpoint.Decide(closed, Doctor, entry, Now));
        Assert.Throws<ConflictException>(() => AddRecordEntryEndpoint.Decide(erased, Doctor, entry, Now));
        Assert.Throws<ConflictException>(() => EraseRecordEndpoint.Decide(erased, Doctor, new EraseRecord("GDPR Art. 17"), Now));
    }

    [Fact]
    public void Revoking_a_consent_that_is_not_in_force_is_404_and_a_staff_consent_needs_a_citizen_id()
    {
        Assert.Throws<NotFoundException>(() => RevokeConsentEndpoint.Decide(Record(), Guid.NewGuid(), Now));
        Assert.Throws<BadRequestException>(() => GrantConsentEndpoint.Decide(Record(), Guid.NewGuid(),
            new GrantConsent(new ConsentProvider(ProviderKind.Staff, "dr-house"), ConsentAccess.Read, null), Now));
    }
}
