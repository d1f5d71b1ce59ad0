namespace CityServices.EventPipeline.Catalog;

/// <summary>One event type of a service's <see cref="EventCatalog"/>.</summary>
public abstract class EventRegistration(Type eventType, string alias)
{
    public Type EventType { get; } = eventType;

    /// <summary>The stable name stored with the event and written into its leaf record.</summary>
    public string Alias { get; } = alias;

    internal abstract object? ToIntegrationEvent(object data);
}

/// <inheritdoc />
public sealed class EventRegistration<TEvent>(string alias) : EventRegistration(typeof(TEvent), alias)
    where TEvent : class
{
    private Func<TEvent, object>? _toIntegrationEvent;

    /// <summary>
    /// Announces every stored <typeparamref name="TEvent"/> to other services as an integration
    /// event from contracts/. The mapping must be pure: the relay may run it more than once.
    /// </summary>
    public EventRegistration<TEvent> PublishAs<TIntegrationEvent>(Func<TEvent, TIntegrationEvent> map)
        where TIntegrationEvent : class
    {
        ArgumentNullException.ThrowIfNull(map);
        _toIntegrationEvent = e => map(e);
        return this;
    }

    internal override object? ToIntegrationEvent(object data) => _toIntegrationEvent?.Invoke((TEvent)data);
}
