using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityServices.Bench.Proofs;
using CityServices.Hashing;
using CityServices.Hashing.Merkle;
using Npgsql;

namespace CityServices.Bench.Audit;

/// <summary>
/// city-audit at city scale (issue 13 item 1): a log of one service's events with another
/// service's leaves between, anchored <c>--anchors</c> times on anvil as it grows, behind the real
/// ledger with its shipped rate limit; then <c>verify-export</c> of the service's whole export and
/// <c>monitor</c> of the whole history, each its own process, timed with /usr/bin/time.
/// </summary>
internal static class AuditBenchmark
{
    private const string Service = "bench-trade";
    private const string Other = "bench-other";
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed record Run(string Command, int ExitCode, double WallSeconds, long PeakResidentKilobytes, string Outcome);

    public sealed record Result(
        DateTime StartedAt, string Machine, string? LoadAverage, int Events, long Leaves, int Anchors, double SetupSeconds,
        Run VerifyExport, Run Monitor);

    public static async Task<int> RunAsync(AuditBenchOptions options)
    {
        var auditDll = options.AuditDll ?? throw new ArgumentException("--audit-dll is required (./city bench audit passes it).");
        var root = Environment.GetEnvironmentVariable("CITY_ROOT") ?? Directory.GetCurrentDirectory();
        var infrastructure = BenchInfrastructure.FromEnvironment();
        var startedAt = DateTime.UtcNow;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        var export = Path.Combine(Path.GetTempPath(), $"city-bench-audit-{Guid.NewGuid():N}.ndjson");
        try
        {
            var (_, postgres) = await infrastructure.CreateDatabaseAsync("audit");
            // The shipped limit, stated so a changed default in appsettings cannot slip in unseen.
            await using var ledger = await LedgerBenchHost.StartAsync(infrastructure, postgres, BenchInfrastructure.NewPrefix("audit"),
                "--Ledger:RateLimit:PermitLimit=50", "--Ledger:RateLimit:Window=00:00:01");
            var registry = await BenchRegistry.DeployAsync(infrastructure, root);

            Console.WriteLine($"==> 1/3 a log of {options.Events:N0} {Service} events (+1 {Other} leaf every {options.OtherEvery}), {options.Anchors:N0} anchors on anvil, the export file");
            var setup = Stopwatch.StartNew();
            var leaves = await BuildAsync(options, postgres, registry, export);
            setup.Stop();
            Console.WriteLine($"    {leaves:N0} leaves, {options.Anchors:N0} anchors in {setup.Elapsed.TotalSeconds:0.0} s");

            var ledgerUrl = ledger.Http.BaseAddress!.ToString();
            var rpc = infrastructure.ChainRpc.ToString();
            Console.WriteLine("==> 2/3 city-audit verify-export (its own process)");
            var verify = await MeasureAsync(auditDll, ["verify-export", "--ledger", ledgerUrl, "--export", export, "--rpc", rpc, "--registry", registry.Pin, "--json"],
                json => $"verified={json["verified"]}, linesRead={json["linesRead"]}, eventsProven={json["eventsProven"]}, findings={json["findings"]?.AsArray().Count}");
            Console.WriteLine("==> 3/3 city-audit monitor (its own process)");
            var monitor = await MeasureAsync(auditDll, ["monitor", "--ledger", ledgerUrl, "--rpc", rpc, "--registry", registry.Pin, "--json"],
                json => $"verified={json["verified"]}, anchorCount={json["anchorCount"]}, pairsVerified={json["pairsVerified"]}, couldNotCheck={json["couldNotCheck"]?.ToJsonString() ?? "no"}");

            var result = new Result(startedAt, $"{Environment.ProcessorCount} cores (shared), {Environment.OSVersion}, .NET {Environment.Version}", load,
                options.Events, leaves, options.Anchors, setup.Elapsed.TotalSeconds, verify, monitor);
            Console.WriteLine();
            Console.Write(ToText(result));
            var folder = options.OutputFolder ?? Path.Combine(root, ".city", "bench");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"audit-{startedAt:yyyyMMddTHHmmssZ}.json");
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, Json));
            Console.WriteLine($"JSON: {Path.GetRelativePath(root, path)}");
            return verify.ExitCode == 0 && monitor.ExitCode == 0 ? 0 : 1;
        }
        finally
        {
            File.Delete(export);
            await infrastructure.DropAllAsync();
        }
    }

    /// <summary>Writes the export and the ledger's tables in step, anchoring the log at evenly spaced sizes; returns the leaf count.</summary>
    private static async Task<long> BuildAsync(AuditBenchOptions options, string postgres, BenchRegistry registry, string exportPath)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var export = new StreamWriter(exportPath, false, new UTF8Encoding(false));
        var frontier = MerkleFrontier.Empty;
        var written = 0;
        for (var anchor = 0; anchor < options.Anchors; anchor++)
        {
            var upTo = (int)((long)options.Events * (anchor + 1) / options.Anchors);
            var chunk = new List<LedgerPopulator.Leaf>();
            for (; written < upTo; written++)
            {
                var sequence = written + 1L;
                var record = Event(sequence, out var data);
                await export.WriteLineAsync(new JsonObject { ["record"] = JsonNode.Parse(record.ToLeafData()), ["data"] = data }.ToJsonString());
                chunk.Add(new LedgerPopulator.Leaf(record.EventId, Service, sequence, record.LeafHash()));
                if (sequence % options.OtherEvery == 0)
                {
                    chunk.Add(new LedgerPopulator.Leaf(Guid.CreateVersion7(), Other, sequence / options.OtherEvery, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
                }
            }

            frontier = await LedgerPopulator.AppendAsync(connection, frontier, chunk);
            var root = frontier.RootHash();
            var (transaction, blockNumber, blockHash) = await registry.AnchorAsync(root, frontier.Size);
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("update ledger.head set tree_size = $1 where id = 1") { Parameters = { new NpgsqlParameter<long> { TypedValue = frontier.Size } } },
                    new NpgsqlBatchCommand("insert into ledger.checkpoints (tree_size, root_hash) values ($1, $2)")
                    {
                        Parameters = { new NpgsqlParameter<long> { TypedValue = frontier.Size }, new NpgsqlParameter<byte[]> { TypedValue = root } },
                    },
                    new NpgsqlBatchCommand("""
                        insert into ledger.anchors (tree_size, anchor_index, chain_id, contract, transaction_hash, block_number, block_hash, anchored_at)
                        values ($1, $2, $3, $4, $5, $6, $7, now())
                        """)
                    {
                        Parameters =
                        {
                            new NpgsqlParameter<long> { TypedValue = frontier.Size },
                            new NpgsqlParameter<long> { TypedValue = anchor },
                            new NpgsqlParameter<long> { TypedValue = registry.ChainId },
                            new NpgsqlParameter<string> { TypedValue = registry.Address },
                            new NpgsqlParameter<string> { TypedValue = transaction },
                            new NpgsqlParameter<long> { TypedValue = blockNumber },
                            new NpgsqlParameter<string> { TypedValue = blockHash },
                        },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync();
        }

        foreach (var table in (string[])["ledger.leaves", "ledger.nodes"])
        {
            await using var analyze = new NpgsqlCommand($"analyze {table}", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        return frontier.Size;
    }

    private static LeafRecord Event(long sequence, out JsonObject data)
    {
        data = new JsonObject { ["shipmentId"] = $"S-{sequence}", ["note"] = "declared at the border", ["port"] = "Tallinn" };
        return LeafRecord.Create(Service, $"shipment-{sequence % 997}", sequence / 997 + 1, sequence, Guid.CreateVersion7(), "trade.shipment_declared",
            Start.AddMicroseconds(sequence * 1234567), Encoding.UTF8.GetBytes(data.ToJsonString()));
    }

    /// <summary>One city-audit command in its own process under /usr/bin/time: wall time, peak resident set, its JSON outcome.</summary>
    private static async Task<Run> MeasureAsync(string auditDll, string[] arguments, Func<JsonObject, string> outcome)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-f", "city-bench-time %e %M", "dotnet", auditDll, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("/usr/bin/time did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var timing = (await stderr).Split('\n').Last(line => line.StartsWith("city-bench-time ", StringComparison.Ordinal)).Split(' ');
        var json = JsonNode.Parse(await stdout) as JsonObject ?? [];
        var run = new Run(arguments[0], process.ExitCode, double.Parse(timing[1], CultureInfo.InvariantCulture), long.Parse(timing[2], CultureInfo.InvariantCulture), outcome(json));
        Console.WriteLine($"    exit {run.ExitCode}, {run.WallSeconds:0.0} s, peak {run.PeakResidentKilobytes / 1024.0:0} MiB: {run.Outcome}");
        return run;
    }

    private static string ToText(Result result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"city-audit at city scale — {result.StartedAt:yyyy-MM-dd HH:mm} UTC — {result.Machine}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average at start (1/5/15 min): {result.LoadAverage ?? "n/a"}. Ledger rate limit: 50 requests/s per client (the default).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Log: {result.Events:N0} {Service} events, {result.Leaves:N0} leaves, {result.Anchors:N0} anchors (setup {result.SetupSeconds:0.0} s).");
        text.AppendLine("| command | exit | wall time | peak resident memory | outcome |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var run in new[] { result.VerifyExport, result.Monitor })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {run.Command} | {run.ExitCode} | {run.WallSeconds:0.0} s | {run.PeakResidentKilobytes / 1024.0:0} MiB | {run.Outcome} |");
        }

        return text.ToString();
    }
}
