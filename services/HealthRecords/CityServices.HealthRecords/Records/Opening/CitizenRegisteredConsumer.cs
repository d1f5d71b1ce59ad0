using CityServices.Contracts.Identity;
using CityServices.EventPipeline.Consumers;
using CityServices.PersonalData;
using Marten;
using MassTransit;

namespace CityServices.HealthRecords.Records.Opening;

/// <summary>
/// Opens an empty record for every citizen identity registers, with the patient's data key, in one
/// transaction. Only the citizen id is kept: names and birth date stay with the civil registry.
/// </summary>
public sealed class CitizenRegisteredConsumer(
    IDocumentSession session, DataKeyStore keys, TimeProvider clock, ILogger<CitizenRegisteredConsumer> logger)
    : IdempotentConsumer<CitizenRegistered>(session, logger)
{
    protected override async Task Handle(ConsumeContext<CitizenRegistered> context)
    {
        var citizen = context.Message;
        if (await Session.Events.FetchStreamStateAsync(citizen.CitizenId, context.CancellationToken) is not null)
        {
            return; // the same registration announced again under another message id
        }

        var now = clock.GetUtcNow();
        Session.Events.StartStream<PatientRecord>(citizen.CitizenId, new RecordOpened(citizen.CitizenId, citizen.RegisteredAt, now));
        keys.CreateKey(Session, citizen.CitizenId, now);
    }
}
