using System.Text.RegularExpressions;
using JasperFx.Events;
using Marten;

namespace CityServices.EventPipeline.Catalog;

/// <summary>
/// Every event type a service records, under the stable alias that is stored in its stream and
/// written into leaf records, and the public integration event (if any) each one is announced as.
/// An event type missing here cannot be stored: a CLR type name never leaks into a public format.
/// </summary>
public sealed partial class EventCatalog
{
    private readonly Dictionary<Type, EventRegistration> _byType = [];

    public EventCatalog(string service)
    {
        if (!ServiceAlias().IsMatch(service))
        {
            throw new ArgumentException(
                $"Service alias '{service}' must be lowercase words joined by hyphens, e.g. 'health-records'.",
                nameof(service));
        }

        Service = service;
    }

    /// <summary>The service's alias: leaf records' <c>service</c>, the API prefix <c>/api/{service}</c>.</summary>
    public string Service { get; }

    public IReadOnlyCollection<EventRegistration> Registrations => _byType.Values;

    /// <summary>Registers an event type under its alias, e.g. <c>health.record_entry_added</c>.</summary>
    public EventRegistration<TEvent> Record<TEvent>(string alias) where TEvent : class
    {
        if (!EventAlias().IsMatch(alias))
        {
            throw new ArgumentException(
                $"Event alias '{alias}' must look like 'area.snake_case_name', e.g. 'health.record_entry_added'.",
                nameof(alias));
        }

        if (_byType.Values.Any(r => r.Alias == alias))
        {
            throw new ArgumentException($"Event alias '{alias}' is registered twice.", nameof(alias));
        }

        var registration = new EventRegistration<TEvent>(alias);
        if (!_byType.TryAdd(typeof(TEvent), registration))
        {
            throw new ArgumentException($"Event type {typeof(TEvent).Name} is registered twice.", nameof(alias));
        }

        return registration;
    }

    /// <summary>The integration event a stored event is announced as, or null when it stays private.</summary>
    public Task<object?> ToIntegrationEventAsync(IEvent stored, IServiceProvider services, IQuerySession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return _byType.TryGetValue(stored.EventType, out var registration)
            ? registration.ToIntegrationEventAsync(stored.Data, services, session, ct)
            : Task.FromResult<object?>(null);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex ServiceAlias();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*\\.[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex EventAlias();
}
