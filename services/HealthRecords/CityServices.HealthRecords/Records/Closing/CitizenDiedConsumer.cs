using CityServices.Contracts.Identity;
using CityServices.EventPipeline.Consumers;
using Marten;
using MassTransit;

namespace CityServices.HealthRecords.Records.Closing;

/// <summary>Closes a deceased citizen's record to new entries; it stays readable, and every read is still logged.</summary>
public sealed class CitizenDiedConsumer(IDocumentSession session, TimeProvider clock, ILogger<CitizenDiedConsumer> logger)
    : IdempotentConsumer<CitizenDied>(session, logger)
{
    protected override async Task Handle(ConsumeContext<CitizenDied> context)
    {
        var death = context.Message;
        var stream = await Session.Events.FetchForWriting<PatientRecord>(death.CitizenId, context.CancellationToken);
        // Identity's announcements travel on separate queues, so a death can overtake the
        // registration: fail, and the retries wait until the record has been opened.
        var record = stream.Aggregate
            ?? throw new InvalidOperationException($"No record for citizen {death.CitizenId} yet; CitizenRegistered has not been handled.");
        if (record.ClosedAt is null)
        {
            stream.AppendOne(new RecordClosed(death.CitizenId, death.DiedOn, clock.GetUtcNow()));
        }
    }
}
