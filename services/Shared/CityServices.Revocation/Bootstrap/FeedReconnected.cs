using MassTransit;

namespace CityServices.Revocation.Bootstrap;

/// <summary>
/// Asks for a sync each time the revocation feed's queue becomes ready: at start, and after every
/// reconnect, when the temporary queue has been declared afresh and the events published while it
/// was gone are lost to it. Events published after this point reach the queue, so the sync that
/// follows leaves no gap.
/// </summary>
internal sealed class FeedReconnected(string queue, RevocationSyncRequests sync) : IReceiveEndpointObserver
{
    public Task Ready(ReceiveEndpointReady ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        if (ready.InputAddress.AbsolutePath.EndsWith("/" + queue, StringComparison.Ordinal))
        {
            sync.Request();
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
