namespace CityServices.EventPipeline.Tests.Support;

/// <summary>Counts every message handed to a consumer, before the idempotent consumer decides whether
/// it is new, and again once its handling is over (its transaction committed or rolled back).</summary>
internal sealed class DeliveryObserver(ProbeLog log) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        log.Deliveries.Enqueue((typeof(T), context.MessageId));
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        log.Finished.Enqueue((typeof(T), context.MessageId));
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        log.Finished.Enqueue((typeof(T), context.MessageId));
        return Task.CompletedTask;
    }
}
