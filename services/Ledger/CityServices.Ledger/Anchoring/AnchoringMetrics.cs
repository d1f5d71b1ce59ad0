using System.Diagnostics.Metrics;
using CityServices.Ledger.Log;

namespace CityServices.Ledger.Anchoring;

/// <summary>Anchoring's instruments, on the ledger's meter.</summary>
internal sealed class AnchoringMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _confirmed;
    private readonly Counter<long> _reorganised;
    private readonly Histogram<long> _gas;
    private readonly Histogram<double> _gasPerLeaf;
    private double _lagSeconds;
    private long _lagLeaves;

    public AnchoringMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(LedgerMetrics.MeterName);
        _sent = meter.CreateCounter<long>("ledger.anchors.sent", "{transaction}", "anchor(root, treeSize) transactions sent.");
        _confirmed = meter.CreateCounter<long>("ledger.anchors.confirmed", "{anchor}", "Anchors recorded after their confirmations.");
        _reorganised = meter.CreateCounter<long>("ledger.anchors.reorganised", "{anchor}", "Anchors whose block was reorganised away before confirmation.");
        _gas = meter.CreateHistogram<long>("ledger.anchor.gas", "{gas}", "Gas used by one confirmed anchor transaction.");
        _gasPerLeaf = meter.CreateHistogram<double>("ledger.anchor.gas_per_leaf", "{gas}", "Gas of an anchor divided by the leaves it newly covers.");
        meter.CreateObservableGauge("ledger.anchor.lag", () => Volatile.Read(ref _lagSeconds), "s", "Age of the oldest leaf no confirmed anchor covers (0 when all are).");
        meter.CreateObservableGauge("ledger.anchor.lag_leaves", () => Volatile.Read(ref _lagLeaves), "{leaf}", "Log size minus the latest anchored tree size.");
    }

    public void Sent() => _sent.Add(1);

    public void Reorganised() => _reorganised.Add(1);

    public void Confirmed(long gasUsed, long newLeaves)
    {
        _confirmed.Add(1);
        _gas.Record(gasUsed);
        if (newLeaves > 0)
        {
            _gasPerLeaf.Record((double)gasUsed / newLeaves);
        }
    }

    public void Lag(TimeSpan age, long leaves)
    {
        Volatile.Write(ref _lagSeconds, Math.Max(0, age.TotalSeconds));
        Volatile.Write(ref _lagLeaves, leaves);
    }
}
