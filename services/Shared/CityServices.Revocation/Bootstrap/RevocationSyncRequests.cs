using System.Threading.Channels;

namespace CityServices.Revocation.Bootstrap;

/// <summary>
/// Requests for a <see cref="RevocationSync"/>, apart from the sync itself: the bus asks while it is
/// being built, before what the sync reads from (in identity, its own event store, whose relay needs
/// the bus) can be. One pending request is enough: a sync that starts after it covers it.
/// </summary>
public sealed class RevocationSyncRequests
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a sync, e.g. because the feed's queue was bound again.</summary>
    public void Request() => _pending.Writer.TryWrite(true);

    internal ChannelReader<bool> Pending => _pending.Reader;
}
