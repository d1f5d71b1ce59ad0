using System.Globalization;

namespace CityServices.Bench;

/// <summary>The command line of <c>./city bench</c>; every figure scales from here.</summary>
internal sealed class BenchOptions
{
    public int Services { get; private set; } = 5;
    public int EventsPerService { get; private set; } = 10_000;
    public long Leaves { get; private set; } = 1_000_000;
    public long SmallLeaves { get; private set; } = 1_000;
    public int Requests { get; private set; } = 2_000;
    public int Concurrency { get; private set; } = 4;
    public int Checkpoints { get; private set; } = 5;
    public int[] Rates { get; private set; } = [10, 100, 1_000];
    public HashSet<string> Only { get; } = new(StringComparer.OrdinalIgnoreCase) { "ingest", "proofs", "gas" };
    public bool KeepProofDatabase { get; private set; }
    public string? OutputFolder { get; private set; }
    public bool HelpRequested { get; private set; }

    public const string Usage = """
        Usage: ./city bench [options]
               ./city bench audit [options]     city-audit at city scale (./city bench audit --help)
               ./city bench gateway [options]   the gateway against direct calls and nginx

        Measures the ledger on this machine and prints a report; the same figures go to
        .city/bench/<timestamp>.json. Defaults finish in under a minute on 2 cores (25-50 s measured).

          --services <n>       publishing services for the ingest run (default 5)
          --events <n>         EventRecorded messages per service (default 10000)
          --leaves <n>         leaves of the large log for proof latency (default 1000000)
          --small-leaves <n>   leaves of the small log measured side by side (default 1000)
          --requests <n>       proof requests per log size (default 2000)
          --concurrency <n>    proof requests in flight (default 4)
          --checkpoints <n>    anchors sent to measure gas (default 5)
          --rates <a,b,...>    steady event rates (events/s) for the gas-per-leaf table (default 10,100,1000)
          --only <list>        run only some of ingest,proofs,gas (comma-separated)
          --keep-proof-db      keep the large log's database instead of dropping it (its name is printed)
          --out <folder>       where the JSON report goes (default .city/bench)
          -h, --help           this text
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "-h" or "--help": options.HelpRequested = true; break;
                case "--services": options.Services = Positive(name, Value()); break;
                case "--events": options.EventsPerService = Positive(name, Value()); break;
                case "--leaves": options.Leaves = Positive(name, Value()); break;
                case "--small-leaves": options.SmallLeaves = Positive(name, Value()); break;
                case "--requests": options.Requests = Positive(name, Value()); break;
                case "--concurrency": options.Concurrency = Positive(name, Value()); break;
                case "--checkpoints": options.Checkpoints = Math.Max(2, Positive(name, Value())); break;
                case "--rates": options.Rates = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => Positive(name, r))]; break;
                case "--keep-proof-db": options.KeepProofDatabase = true; break;
                case "--out": options.OutputFolder = Value(); break;
                case "--only":
                    var parts = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = parts.Except(["ingest", "proofs", "gas"], StringComparer.OrdinalIgnoreCase).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new ArgumentException($"--only takes ingest, proofs, gas; not {string.Join(", ", unknown)}.");
                    }

                    options.Only.Clear();
                    options.Only.UnionWith(parts);
                    break;
                default: throw new ArgumentException($"unknown option '{name}'.");
            }
        }

        return options;
    }

    /// <summary>A positive integer option (underscores allowed as digit separators), or an error naming it.</summary>
    internal static int Positive(string name, string value) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} takes a positive integer, not '{value}'.");
}
