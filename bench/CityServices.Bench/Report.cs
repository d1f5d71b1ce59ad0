using System.Globalization;
using System.Text;
using System.Text.Json;
using CityServices.Bench.Gas;
using CityServices.Bench.Ingest;
using CityServices.Bench.Proofs;

namespace CityServices.Bench;

/// <summary>Every figure of one run: printed as plain-text tables and written as JSON.</summary>
internal sealed class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public DateTime StartedAt { get; init; } = DateTime.UtcNow;
    public string Machine { get; init; } = $"{Environment.ProcessorCount} cores (shared), {Environment.OSVersion}, .NET {Environment.Version}";
    /// <summary>/proc/loadavg at the start: how busy the shared machine was.</summary>
    public string? LoadAverage { get; init; } = File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : null;

    public double TotalSeconds { get; set; }
    public IngestBenchmark.Result? Ingest { get; set; }
    public ProofLatencyBenchmark.Result? Proofs { get; set; }
    public GasPerLeafBenchmark.Result? Gas { get; set; }

    public async Task<string> WriteJsonAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{StartedAt:yyyyMMddTHHmmssZ}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json));
        return path;
    }

    public string ToText()
    {
        var text = new StringBuilder();
        Line(text, $"CityServices ledger benchmark — {StartedAt:yyyy-MM-dd HH:mm} UTC — {Machine}");
        Line(text, $"Load average at start (1/5/15 min): {LoadAverage ?? "n/a"}.");
        Line(text, "Absolute figures vary with whatever else runs on the machine; the ratios are measured side by side in this run.");
        if (Ingest is { } ingest)
        {
            Line(text);
            Line(text, $"1. Ingest: {ingest.Services} services x {ingest.EventsPerService:N0} EventRecorded -> RabbitMQ -> ledger batch consumer -> PostgreSQL (one replica, backlog drained)");
            Table(text, ["figure", "value"],
            [
                ["leaves", N(ingest.Leaves)],
                ["publish (5 buses at once, confirms)", $"{N(ingest.PublishPerSecond)} msg/s ({ingest.PublishSeconds:0.0} s)"],
                ["drain rate (first to last batch)", $"{N(ingest.LeavesPerSecond)} leaves/s ({ingest.DrainSeconds:0.0} s)"],
                ["drain incl. host start", $"{ingest.DrainWithStartSeconds:0.0} s"],
                ["batches / mean size", $"{ingest.Batches:N0} / {ingest.MeanBatchSize:0}"],
                ["batch commit p50 / p95 / p99 / max", Ms(ingest.BatchCommitMilliseconds)],
            ]);
        }

        if (Proofs is { } proofs)
        {
            Line(text);
            Line(text, $"2. Inclusion proof GET /api/ledger/events/{{id}}/proof, loopback HTTP, random ids, {proofs.Concurrency} in flight, rounds alternating between sizes");
            Line(text, "   (checkpoint + anchor rows written directly: the chain is not measured here)");
            var s = proofs.Small;
            var l = proofs.Large;
            Table(text, ["leaves", "populate", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "audit path", "verified"],
            [
                Row(s), Row(l),
                ["ratio large/small", "", "", "", R(proofs.ThroughputRatio), R(proofs.P50Ratio),
                    R(l.LatencyMilliseconds.P95 / s.LatencyMilliseconds.P95), R(proofs.P99Ratio), R(proofs.AuditPathRatio), ""],
            ]);
            Line(text, $"   log2 ratio of sizes: {Math.Log2(l.Leaves) / Math.Log2(s.Leaves):0.00} (O(log n)); linear would be {(double)l.Leaves / s.Leaves:N0}.");
            if (proofs.KeptDatabase is { } kept)
            {
                Line(text, $"   kept database: {kept}");
            }

            static string[] Row(ProofLatencyBenchmark.SizeResult r) =>
            [
                N(r.Leaves), $"{r.PopulateSeconds:0.0} s", N(r.Requests), N(r.Failures), N(r.RequestsPerSecond),
                $"{r.LatencyMilliseconds.P50:0.00}", $"{r.LatencyMilliseconds.P95:0.00}", $"{r.LatencyMilliseconds.P99:0.00}",
                N(r.AuditPathLength), $"{r.Verified - r.VerificationFailures}/{r.Verified}",
            ];
        }

        if (Gas is { } gas)
        {
            Line(text);
            Line(text, $"3. Gas: the ledger's anchoring writer on anvil, {gas.Anchors.Count} anchors");
            Table(text, ["anchor", "tree size", "new leaves", "gas used"],
                [.. gas.Anchors.Select(a => new[] { N(a.AnchorIndex), N(a.TreeSize), N(a.LeavesInCheckpoint), N(a.GasUsed) })]);
            Line(text, $"   gas per anchor: first {N(gas.FirstAnchorGas)}, then {N(gas.SteadyGasPerAnchor)} (median), whatever the leaf count");
            Line(text, $"   {gas.Formula}; default Ledger:CheckpointInterval = {gas.DefaultIntervalSeconds:0} s");
            Table(text, ["steady rate", "events/s", "leaves/checkpoint", "gas per leaf"],
                [.. gas.Rates.Select(r => new[] { r.Label, N(r.EventsPerSecond), N(r.LeavesPerCheckpoint), r.GasPerLeaf.ToString(r.GasPerLeaf < 10 ? "0.00" : "N0", CultureInfo.InvariantCulture) })]);
        }

        Line(text);
        Line(text, $"Total {TotalSeconds:0} s.");
        return text.ToString();
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string R(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private static string Ms(Distribution d) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.P50:0.0} / {d.P95:0.0} / {d.P99:0.0} / {d.Max:0.0} ms ({d.Count} batches)");

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');

    private static void Table(StringBuilder text, string[] headers, IReadOnlyList<string[]> rows)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        // Two columns are a list of figures, read left to right; wider tables are numbers, right-aligned.
        void Row(string[] cells) => Line(text, "   " + string.Join("  ", cells.Select((c, i) =>
            i == 0 || headers.Length == 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
        Row(headers);
        Line(text, "   " + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            Row(row);
        }
    }
}
