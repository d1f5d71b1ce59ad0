using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.EventPipeline.Catalog;

/// <summary>One event type of a service's <see cref="EventCatalog"/>.</summary>
public abstract class EventRegistration(Type eventType, string alias)
{
    public Type EventType { get; } = eventType;

    /// <summary>The stable name stored with the event and written into its leaf record.</summary>
    public string Alias { get; } = alias;

    internal abstract Task<object?> ToIntegrationEventAsync(object data, IServiceProvider services, IQuerySession session, CancellationToken ct);
}

/// <summary>
/// Maps a stored event to its integration event where the stored event alone does not say enough:
/// its personal data is sealed and must be opened with the person's key, read from the service's
/// own database. Resolved from the service's container; null publishes nothing.
/// </summary>
public interface IIntegrationEventMapper<in TEvent>
{
    Task<object?> MapAsync(TEvent stored, IQuerySession session, CancellationToken ct);
}

/// <inheritdoc />
public sealed class EventRegistration<TEvent>(string alias) : EventRegistration(typeof(TEvent), alias)
    where TEvent : class
{
    private Func<TEvent, IServiceProvider, IQuerySession, CancellationToken, Task<object?>>? _toIntegrationEvent;

    /// <summary>
    /// Announces every stored <typeparamref name="TEvent"/> to other services as an integration
    /// event from contracts/. The mapping must be pure: the relay may run it more than once.
    /// </summary>
    public EventRegistration<TEvent> PublishAs<TIntegrationEvent>(Func<TEvent, TIntegrationEvent> map)
        where TIntegrationEvent : class
    {
        ArgumentNullException.ThrowIfNull(map);
        _toIntegrationEvent = (e, _, _, _) => Task.FromResult<object?>(map(e));
        return this;
    }

    /// <summary>
    /// Announces every stored <typeparamref name="TEvent"/> through <typeparamref name="TMapper"/>
    /// (registered by the service), which may read the service's own state. It must be repeatable:
    /// the relay may run it more than once.
    /// </summary>
    public EventRegistration<TEvent> PublishWith<TMapper>()
        where TMapper : IIntegrationEventMapper<TEvent>
    {
        _toIntegrationEvent = (e, services, session, ct) => services.GetRequiredService<TMapper>().MapAsync(e, session, ct);
        return this;
    }

    internal override Task<object?> ToIntegrationEventAsync(object data, IServiceProvider services, IQuerySession session, CancellationToken ct) =>
        _toIntegrationEvent?.Invoke((TEvent)data, services, session, ct) ?? Task.FromResult<object?>(null);
}
