using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CityServices.Ledger.Anchoring;
using CityServices.Ledger.Log.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityServices.Bench.Gas;

/// <summary>
/// Gas per anchor from the ledger's real anchoring writer (its host, with a short interval and one
/// confirmation) against the shared anvil, with an account and registry of its own; gas read from
/// <c>ledger.anchors.gas_used</c> (the receipt's gasUsed). An anchor stores (root, size) whatever
/// the number of leaves, so gas per leaf = gas per anchor ÷ leaves per checkpoint, and at a steady
/// rate r events/s and the DEFAULT production interval T: leaves per checkpoint = r × T.
/// </summary>
internal static class GasPerLeafBenchmark
{
    public sealed record AnchorRow(long TreeSize, long LeavesInCheckpoint, long AnchorIndex, long GasUsed);

    public sealed record RateRow(string Label, double EventsPerSecond, double LeavesPerCheckpoint, double GasPerLeaf);

    public sealed record Result(
        double DefaultIntervalSeconds,
        IReadOnlyList<AnchorRow> Anchors,
        double FirstAnchorGas,
        double SteadyGasPerAnchor,
        IReadOnlyList<RateRow> Rates,
        string Formula);

    public static async Task<Result> RunAsync(BenchInfrastructure infrastructure, BenchOptions options, double? measuredIngestRate)
    {
        var (database, postgres) = await infrastructure.CreateDatabaseAsync("gas");
        var key = await infrastructure.FundNewAccountAsync();
        await using var ledger = await LedgerBenchHost.StartAsync(
            infrastructure,
            postgres,
            BenchInfrastructure.NewPrefix("gas"),
            "--Ledger:RunAnchoring=true",
            "--Ledger:CheckpointInterval=00:00:00.300",
            "--Ledger:Confirmations=1",
            $"--Ledger:Chain:PrivateKey={key}",
            "--Ledger:Chain:ContractAddress=",
            "--Ledger:Chain:PollInterval=00:00:00.050",
            "--Ledger:Chain:WaitTimeout=00:00:30");

        // Checkpoints of very different sizes: the gas should not follow the leaf count.
        var sizes = Enumerable.Range(0, options.Checkpoints).Select(i => (int)Math.Pow(10, i % 4)).ToArray();
        Console.WriteLine($"    anchoring {options.Checkpoints} checkpoints of {string.Join(", ", sizes)} new leaves on anvil ...");
        var appender = ledger.Services.GetRequiredService<LeafAppender>();
        long treeSize = 0;
        for (var i = 0; i < sizes.Length; i++)
        {
            var leaves = Enumerable.Range(0, sizes[i])
                .Select(n => new LeafSubmission(Guid.CreateVersion7(), "permits", treeSize + n + 1, RandomNumberGenerator.GetBytes(32)))
                .ToList();
            treeSize = (await appender.AppendAsync(leaves, CancellationToken.None)).TreeSize;
            var clock = Stopwatch.StartNew();
            while ((await AnchorsAsync(postgres)).Count < i + 1)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException($"Checkpoint {i + 1} (size {treeSize}) was not anchored within 60 s.");
                }

                await Task.Delay(50);
            }
        }

        var anchors = await AnchorsAsync(postgres);
        await ledger.DisposeAsync();
        await infrastructure.DropAsync(database);

        var interval = new AnchoringOptions().CheckpointInterval.TotalSeconds;
        var steady = Median(anchors.Skip(1).Select(a => (double)a.GasUsed));
        var rates = new List<RateRow>();
        if (measuredIngestRate is { } measured)
        {
            rates.Add(Row("measured ingest rate", measured));
        }

        rates.AddRange(options.Rates.Select(r => Row($"{r.ToString("N0", CultureInfo.InvariantCulture)} events/s", r)));
        return new Result(
            interval,
            anchors,
            anchors[0].GasUsed,
            steady,
            rates,
            $"gas per leaf = gas per anchor / (events per second x {interval:0} s); gas per anchor = median of anchors after the first");

        RateRow Row(string label, double rate) => new(label, rate, rate * interval, steady / (rate * interval));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<List<AnchorRow>> AnchorsAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select tree_size, anchor_index, gas_used from ledger.anchors where gas_used is not null order by tree_size", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AnchorRow>();
        long previous = 0;
        while (await reader.ReadAsync())
        {
            var size = reader.GetInt64(0);
            rows.Add(new AnchorRow(size, size - previous, reader.GetInt64(1), reader.GetInt64(2)));
            previous = size;
        }

        return rows;
    }
}
