namespace CityServices.Bench.Audit;

/// <summary>The command line of <c>./city bench audit</c>.</summary>
internal sealed class AuditBenchOptions
{
    public int Events { get; private set; } = 100_000;
    public int Anchors { get; private set; } = 1_000;
    public int OtherEvery { get; private set; } = 10;
    public string? AuditDll { get; private set; }
    public string? OutputFolder { get; private set; }
    public bool HelpRequested { get; private set; }

    public const string Usage = """
        Usage: ./city bench audit [options]

        city-audit at city scale against the real ledger with its shipped rate limit (50 requests a
        second per client): verify-export of one service's export, and monitor of the anchored
        history. The log (the service's events, with another service's leaves between) is written
        to the ledger's tables directly and anchored on anvil in a registry of the run's own; each
        city-audit command runs as its own process under /usr/bin/time (wall time, peak resident
        memory). Defaults: 100,000 events, 1,000 anchors (a few minutes on 2 cores).

          --events <n>        the exported service's events (default 100000)
          --anchors <n>       anchors of the growing log, the last one covering it all (default 1000)
          --other-every <n>   one leaf of another service after every n events (default 10)
          --out <folder>      where the JSON report goes (default .city/bench)
          -h, --help          this text
        """;

    public static AuditBenchOptions Parse(IEnumerable<string> arguments)
    {
        var args = arguments.ToArray();
        var options = new AuditBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "-h" or "--help": options.HelpRequested = true; break;
                case "--events": options.Events = BenchOptions.Positive(name, Value()); break;
                case "--anchors": options.Anchors = BenchOptions.Positive(name, Value()); break;
                case "--other-every": options.OtherEvery = BenchOptions.Positive(name, Value()); break;
                case "--audit-dll": options.AuditDll = Value(); break;
                case "--out": options.OutputFolder = Value(); break;
                default: throw new ArgumentException($"unknown option '{name}'.");
            }
        }

        return options;
    }
}
