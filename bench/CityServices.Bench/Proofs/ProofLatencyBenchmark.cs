using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CityServices.Hashing;
using CityServices.Hashing.Merkle;
using CityServices.Ledger.Proofs;

namespace CityServices.Bench.Proofs;

/// <summary>
/// Inclusion-proof latency of <c>GET /api/ledger/events/{id}/proof</c> over HTTP on loopback, for
/// random event ids of a large log (1,000,000 leaves) and a small one (1,000), measured side by
/// side: two ledger hosts, rounds alternating between them so the shared machine's noise falls on
/// both. A sample of the served proofs is verified with <see cref="MerkleVerifier"/> against the
/// root the bench computed itself.
/// </summary>
internal static class ProofLatencyBenchmark
{
    private const int Rounds = 4;
    private const int Warmup = 100;
    private const int VerifiedSample = 200;

    public sealed record SizeResult(
        long Leaves,
        double PopulateSeconds,
        int Requests,
        int Failures,
        double RequestsPerSecond,
        Distribution LatencyMilliseconds,
        int AuditPathLength,
        int Verified,
        int VerificationFailures);

    public sealed record Result(int Concurrency, SizeResult Small, SizeResult Large, string? KeptDatabase)
    {
        public double P50Ratio => Large.LatencyMilliseconds.P50 / Small.LatencyMilliseconds.P50;
        public double P99Ratio => Large.LatencyMilliseconds.P99 / Small.LatencyMilliseconds.P99;
        public double ThroughputRatio => Large.RequestsPerSecond / Small.RequestsPerSecond;
        public double AuditPathRatio => (double)Large.AuditPathLength / Small.AuditPathLength;
    }

    private sealed class Target(LedgerBenchHost host, LedgerPopulator.Log log)
    {
        public LedgerBenchHost Host { get; } = host;
        public LedgerPopulator.Log Log { get; } = log;
        public List<double> Latencies { get; } = [];
        public TimeSpan Busy { get; set; }
        public int Failures { get; set; }
        public int AuditPathLength { get; set; }
        public int Verified { get; set; }
        public int VerificationFailures { get; set; }
    }

    public static async Task<Result> RunAsync(BenchInfrastructure infrastructure, BenchOptions options)
    {
        var (smallDb, smallPostgres) = await infrastructure.CreateDatabaseAsync("proofs_small");
        var (largeDb, largePostgres) = await infrastructure.CreateDatabaseAsync("proofs_large");
        // The host creates the schema at start; its consumer listens on a prefix nobody publishes to.
        await using var smallHost = await LedgerBenchHost.StartAsync(infrastructure, smallPostgres, BenchInfrastructure.NewPrefix("proofs"));
        await using var largeHost = await LedgerBenchHost.StartAsync(infrastructure, largePostgres, BenchInfrastructure.NewPrefix("proofs"));

        Console.WriteLine($"    populating {options.SmallLeaves:N0} and {options.Leaves:N0} leaves (binary COPY, MerkleFrontier.AppendRange per 65,536) ...");
        var small = new Target(smallHost, await LedgerPopulator.PopulateAsync(smallPostgres, options.SmallLeaves));
        var large = new Target(largeHost, await LedgerPopulator.PopulateAsync(largePostgres, options.Leaves));
        Console.WriteLine($"    populated {options.Leaves:N0} leaves in {large.Log.Elapsed.TotalSeconds:0.0} s; " +
            $"{options.Requests:N0} proof requests per size, {options.Concurrency} in flight ...");

        var random = new Random(9162);
        foreach (var target in new[] { small, large })
        {
            await MeasureAsync(target, Warmup, options.Concurrency, random, record: false);
        }

        var perRound = Math.Max(1, options.Requests / Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            // Alternate which size goes first, so neither always runs right after the other.
            var order = round % 2 == 0 ? new[] { small, large } : [large, small];
            foreach (var target in order)
            {
                var count = round == Rounds - 1 ? options.Requests - perRound * (Rounds - 1) : perRound;
                await MeasureAsync(target, count, options.Concurrency, random, record: true);
            }
        }

        foreach (var target in new[] { small, large })
        {
            await VerifySampleAsync(target, VerifiedSample, random);
        }

        await smallHost.DisposeAsync();
        await largeHost.DisposeAsync();
        await infrastructure.DropAsync(smallDb);
        string? kept = null;
        if (options.KeepProofDatabase)
        {
            infrastructure.Keep(largeDb);
            kept = largeDb;
        }
        else
        {
            await infrastructure.DropAsync(largeDb);
        }

        return new Result(options.Concurrency, Summarise(small), Summarise(large), kept);
    }

    private static SizeResult Summarise(Target target) => new(
        target.Log.Size,
        target.Log.Elapsed.TotalSeconds,
        target.Latencies.Count,
        target.Failures,
        target.Latencies.Count / target.Busy.TotalSeconds,
        Distribution.Of(target.Latencies),
        target.AuditPathLength,
        target.Verified,
        target.VerificationFailures);

    private static async Task MeasureAsync(Target target, int requests, int concurrency, Random random, bool record)
    {
        var ids = Enumerable.Range(0, requests).Select(_ => target.Log.EventIds[random.NextInt64(target.Log.Size)]).ToArray();
        var next = -1;
        var latencies = new double[requests];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await target.Host.Http.GetAsync(new Uri($"/api/ledger/events/{ids[i]}/proof", UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        clock.Stop();
        if (record)
        {
            target.Latencies.AddRange(latencies);
            target.Busy += clock.Elapsed;
            target.Failures += failures;
        }
    }

    /// <summary>Proofs of random leaves, checked against the leaf hash and root the bench wrote itself.</summary>
    private static async Task VerifySampleAsync(Target target, int sample, Random random)
    {
        for (var n = 0; n < sample; n++)
        {
            var index = random.NextInt64(target.Log.Size);
            var proof = await target.Host.Http.GetFromJsonAsync<InclusionProof>(
                new Uri($"/api/ledger/events/{target.Log.EventIds[index]}/proof", UriKind.Relative));
            var ok = proof is not null
                && proof.LeafIndex == index
                && proof.TreeSize == target.Log.Size
                && proof.LeafHash == Hex.Encode(target.Log.LeafHashes[index])
                && proof.RootHash == Hex.Encode(target.Log.RootHash)
                && MerkleVerifier.VerifyInclusion(index, proof.TreeSize, target.Log.LeafHashes[index],
                    [.. proof.AuditPath.Select(Hex.DecodeHash)], target.Log.RootHash).IsValid;
            target.Verified++;
            if (!ok)
            {
                target.VerificationFailures++;
            }

            target.AuditPathLength = Math.Max(target.AuditPathLength, proof?.AuditPath.Count ?? 0);
        }
    }
}
