using CityServices.EventPipeline;
using CityServices.EventPipeline.Consumers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CityServices.Ledger.Log.Ingest;

/// <summary>
/// Ingest in batches: one transaction per batch is what lets the ledger keep up with every service
/// writing at once. One batch at a time per replica, because every append waits for the head
/// row's lock anyway; more replicas add availability, not throughput. Retries as every consumer.
/// </summary>
public sealed class LedgerIngestConsumerDefinition(IOptions<MessagingOptions> options) : CityConsumerDefinition<LedgerIngestConsumer>(options)
{
    public const int MessagesPerBatch = 1000;

    /// <summary>Long enough to fill a batch under load, short enough to add little latency when idle.</summary>
    public static readonly TimeSpan BatchWait = TimeSpan.FromMilliseconds(50);

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<LedgerIngestConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
        // Room for two batches: the next one fills while the current one commits. With room for
        // one (the batch options' default), deliveries stall until the batch is acknowledged and
        // the next batch leaves half full when its time limit runs out.
        endpointConfigurator.PrefetchCount = 2 * MessagesPerBatch;
        endpointConfigurator.ConcurrentMessageLimit = 2 * MessagesPerBatch;
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(MessagesPerBatch)
            .SetTimeLimit(BatchWait)
            .SetConcurrencyLimit(1));
    }
}
