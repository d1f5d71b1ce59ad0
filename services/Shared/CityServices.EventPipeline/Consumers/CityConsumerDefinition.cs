using MassTransit;
using Microsoft.Extensions.Options;

namespace CityServices.EventPipeline.Consumers;

/// <summary>
/// The broker policy every consumer shares, next to the consumers it governs: exponential
/// retries (Messaging:Retry), then the message moves to the endpoint's own <c>_error</c> queue
/// (MassTransit's default) and the endpoint carries on with the rest. A consumer's definition
/// derives from this to change its policy (concurrency, a longer backoff).
/// </summary>
public class CityConsumerDefinition<TConsumer>(IOptions<MessagingOptions> options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        var retry = options.Value.Retry;
        var delta = TimeSpan.FromTicks(Math.Max(1, (retry.MaxInterval - retry.MinInterval).Ticks / Math.Max(1, retry.Limit)));
        endpointConfigurator.UseMessageRetry(r => r.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, delta));

        if (options.Value.QuorumQueues && endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQuorumQueue();
        }
    }
}
