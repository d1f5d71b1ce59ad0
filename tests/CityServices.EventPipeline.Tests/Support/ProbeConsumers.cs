using CityServices.EventPipeline.Consumers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityServices.EventPipeline.Tests.Support;

/// <summary>The probe's durable effect: one document per event that reached it.</summary>
internal sealed record ReceivedEvent(Guid Id, long Sequence, string LeafHash, string Service);

/// <summary>The applications probe's effect: a new row each time it runs, so an effect taken twice shows as two rows.</summary>
internal sealed record ApplicationEffect(Guid Id, Guid PermitId);

/// <summary>Keeps each <see cref="EventRecorded"/> as the ledger would: once, whatever the redeliveries.</summary>
internal sealed class RecordedEventsProbe(IDocumentSession session, ProbeLog log, ILogger<RecordedEventsProbe> logger)
    : IdempotentConsumer<EventRecorded>(session, logger)
{
    protected override Task Handle(ConsumeContext<EventRecorded> context)
    {
        var m = context.Message;
        Session.Store(new ReceivedEvent(m.EventId, m.Sequence, m.LeafHash, m.Service));
        log.Handled.Enqueue(m);
        return Task.CompletedTask;
    }
}

/// <summary>One message at a time, so the order of handling is the order of publishing.</summary>
internal sealed class RecordedEventsProbeDefinition : CityConsumerDefinition<RecordedEventsProbe>
{
    public RecordedEventsProbeDefinition(IOptions<MessagingOptions> options) : base(options) => ConcurrentMessageLimit = 1;
}

/// <summary>Receives the test domain's integration event.</summary>
internal sealed class ApplicationsProbe(IDocumentSession session, ProbeLog log, ILogger<ApplicationsProbe> logger)
    : IdempotentConsumer<PermitApplicationReceived>(session, logger)
{
    protected override Task Handle(ConsumeContext<PermitApplicationReceived> context)
    {
        if (context.Message.Kind == PoisonKind)
        {
            throw new InvalidOperationException("This message can never be handled.");
        }

        Session.Insert(new ApplicationEffect(Guid.CreateVersion7(), context.Message.PermitId));
        log.Handled.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public const string PoisonKind = "poison";
}
