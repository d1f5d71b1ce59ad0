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
        // Marten itself defaults a session's correlation id to the bare trace id of the activity that
        // opened it; that loses the parent span the relay needs, so it is replaced by the full
        // traceparent. A correlation id the application chose is left alone.
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current
            && (string.IsNullOrEmpty(session.CorrelationId) || session.CorrelationId == current.TraceId.ToString()))
        {
            session.CorrelationId = current.Id;
        }

        return Task.CompletedTask;
    }
}
