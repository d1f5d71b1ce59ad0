using System.Diagnostics;
using Marten;

namespace CityServices.EventPipeline.Relay;

/// <summary>
/// Stores the current W3C traceparent as the correlation id of the events a session appends, so
/// the outbox relay can continue the same trace when it publishes them later.
/// </summary>
internal sealed class TraceContextListener : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (string.IsNullOrEmpty(session.CorrelationId) && Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
        {
            session.CorrelationId = current.Id;
        }

        return Task.CompletedTask;
    }
}
