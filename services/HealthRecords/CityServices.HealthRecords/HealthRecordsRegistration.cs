using CityServices.Contracts.HealthRecords;
using CityServices.EventPipeline;
using CityServices.EventPipeline.Consumers;
using CityServices.EventPipeline.Receipts;
using CityServices.HealthRecords.Records;
using CityServices.HealthRecords.Records.Closing;
using CityServices.HealthRecords.Records.Opening;
using CityServices.HealthRecords.Records.Reading;
using CityServices.PersonalData;
using CityServices.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;

namespace CityServices.HealthRecords;

/// <summary>Everything the health-records service registers.</summary>
public static class HealthRecordsRegistration
{
    /// <summary>The service alias: leaf records' <c>service</c>, the API prefix <c>/api/health-records</c>.</summary>
    public static readonly CityService Service = new("health-records", CityScopes.HealthRecords, "Health records");

    public static IHostApplicationBuilder AddHealthRecords(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();

        // The key table keeps the name it had before the encryption became shared: stored keys stay readable.
        builder.AddPersonalData(Service.Alias, "HealthRecords:Encryption", keyTable: "patientdatakey");
        builder.Services.AddSingleton<LoggedReads>();
        builder.AddLedgerProofs();

        builder.AddEventPipeline(Service, events =>
        {
            events.Record<RecordOpened>("health.record_opened")
                .PublishAs(e => new PatientRecordOpened(e.PatientId, e.OpenedAt));
            events.Record<RecordClosed>("health.record_closed")
                .PublishAs(e => new PatientRecordClosed(e.PatientId, e.ClosedAt));
            events.Record<RecordEntryAdded>("health.record_entry_added");
            events.Record<ConsentGranted>("health.consent_granted");
            events.Record<ConsentRevoked>("health.consent_revoked");
            events.Record<RecordAccessed>("health.record_accessed");
            events.Record<AccessDenied>("health.access_denied");
            events.Record<RecordErased>("health.record_erased")
                .PublishAs(e => new PatientRecordErased(e.PatientId, e.ErasedAt));
        }, consumers =>
        {
            consumers.AddCityConsumer<CitizenRegisteredConsumer>();
            consumers.AddCityConsumer<CitizenDiedConsumer>();
        });

        builder.Services.ConfigureMarten(options =>
        {
            // Every read appends to the patient's stream, so the record is kept as an inline
            // snapshot (updated in the same commit) rather than replayed from a growing stream.
            options.Projections.Snapshot<PatientRecord>(SnapshotLifecycle.Inline);
        });
        return builder;
    }
}
