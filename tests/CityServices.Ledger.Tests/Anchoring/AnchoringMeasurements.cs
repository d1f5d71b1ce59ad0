using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CityServices.Ledger.Log;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>
/// Every measurement the anchoring instruments of ONE ledger host publish: meters are told apart
/// by the host's meter factory, since parallel test classes run ledgers in the same process.
/// </summary>
internal sealed class AnchoringMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value)> _measurements = new();

    public AnchoringMeasurements(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LedgerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)
                && instrument.Name.StartsWith("ledger.anchor", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.Start();
    }

    /// <summary>The values recorded so far by <paramref name="instrument"/>; gauges are observed first.</summary>
    public IReadOnlyList<double> Of(string instrument)
    {
        _listener.RecordObservableInstruments();
        return [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];
    }

    public void Dispose() => _listener.Dispose();
}
