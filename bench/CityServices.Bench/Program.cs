using System.Diagnostics;
using System.Globalization;
using CityServices.Bench;
using CityServices.Bench.Audit;
using CityServices.Bench.Gas;
using CityServices.Bench.Ingest;
using CityServices.Bench.Proofs;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args is ["audit", .. var auditArgs])
{
    AuditBenchOptions audit;
    try
    {
        audit = AuditBenchOptions.Parse(auditArgs);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"city bench audit: {e.Message}");
        Console.Error.WriteLine(AuditBenchOptions.Usage);
        return 2;
    }

    if (audit.HelpRequested)
    {
        Console.WriteLine(AuditBenchOptions.Usage);
        return 0;
    }

    return await AuditBenchmark.RunAsync(audit);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"city bench: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.HelpRequested)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var infrastructure = BenchInfrastructure.FromEnvironment();
var report = new Report();
var clock = Stopwatch.StartNew();
try
{
    if (options.Only.Contains("ingest"))
    {
        Console.WriteLine("==> 1/3 ingest");
        report.Ingest = await IngestBenchmark.RunAsync(infrastructure, options);
    }

    if (options.Only.Contains("proofs"))
    {
        Console.WriteLine("==> 2/3 inclusion-proof latency");
        report.Proofs = await ProofLatencyBenchmark.RunAsync(infrastructure, options);
    }

    if (options.Only.Contains("gas"))
    {
        Console.WriteLine("==> 3/3 gas per leaf");
        report.Gas = await GasPerLeafBenchmark.RunAsync(infrastructure, options, report.Ingest?.LeavesPerSecond);
    }
}
finally
{
    await infrastructure.DropAllAsync();
}

report.TotalSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine();
Console.Write(report.ToText());
var root = Environment.GetEnvironmentVariable("CITY_ROOT") ?? Directory.GetCurrentDirectory();
var path = await report.WriteJsonAsync(options.OutputFolder ?? Path.Combine(root, ".city", "bench"));
Console.WriteLine($"JSON: {Path.GetRelativePath(root, path)}");
return 0;
