using System.Collections.Concurrent;

namespace CityServices.EventPipeline.Tests.Support;

/// <summary>What the probe's consumers saw: every delivery (duplicates included) and every effect, in order.</summary>
internal sealed class ProbeLog
{
    public ConcurrentQueue<(Type MessageType, Guid? MessageId)> Deliveries { get; } = new();

    public ConcurrentQueue<object> Handled { get; } = new();

    /// <summary>Deliveries whose handling is over, committed, acknowledged as a duplicate or faulted.</summary>
    public ConcurrentQueue<(Type MessageType, Guid? MessageId)> Finished { get; } = new();

    public int DeliveriesOf<T>() => Deliveries.Count(d => d.MessageType == typeof(T));

    public int FinishedOf<T>() => Finished.Count(d => d.MessageType == typeof(T));

    public IReadOnlyList<T> HandledOf<T>() => Handled.OfType<T>().ToList();
}
