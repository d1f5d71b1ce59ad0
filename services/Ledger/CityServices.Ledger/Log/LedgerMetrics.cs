using System.Diagnostics.Metrics;

namespace CityServices.Ledger.Log;

/// <summary>The log's instruments, on the meter <see cref="MeterName"/> that the ledger registers with telemetry.</summary>
public sealed class LedgerMetrics
{
    public const string MeterName = "CityServices.Ledger";

    private readonly Counter<long> _leavesAppended;
    private readonly Counter<long> _messagesRejected;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private long _treeSize;

    public LedgerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _leavesAppended = meter.CreateCounter<long>("ledger.leaves.appended", "{leaf}", "Leaves appended to the Merkle log.");
        _messagesRejected = meter.CreateCounter<long>(
            "ledger.ingest.rejected", "{message}", "EventRecorded messages refused as malformed or conflicting, moved to the error queue.");
        _batchSize = meter.CreateHistogram<int>("ledger.ingest.batch.size", "{message}", "EventRecorded messages per ingest batch.");
        _batchDuration = meter.CreateHistogram<double>("ledger.ingest.batch.duration", "s", "Time to screen, append and commit one ingest batch.");
        // Several replicas append to one log: each reports the largest size it has committed or read.
        meter.CreateObservableGauge("ledger.tree.size", () => Volatile.Read(ref _treeSize), "{leaf}", "Leaves in the Merkle log.");
    }

    public void BatchIngested(int messages, int appended, int rejected, long treeSize, TimeSpan elapsed)
    {
        _batchSize.Record(messages);
        _batchDuration.Record(elapsed.TotalSeconds);
        _leavesAppended.Add(appended);
        _messagesRejected.Add(rejected);
        TreeSizeSeen(treeSize);
    }

    public void TreeSizeSeen(long treeSize)
    {
        var current = Volatile.Read(ref _treeSize);
        while (treeSize > current)
        {
            var previous = Interlocked.CompareExchange(ref _treeSize, treeSize, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }
}
