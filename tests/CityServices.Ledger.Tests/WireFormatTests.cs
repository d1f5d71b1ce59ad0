using System.Text.Json;
using CityServices.Ledger.Proofs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityServices.Ledger.Tests;

/// <summary>
/// The ledger's answers, byte for byte, against the golden answers in contracts/vectors/ledger-api
/// (docs/ledger-api.md), which city-audit's reader is tested against too: a change that moves a
/// byte of the public format fails here before a client sees it.
/// </summary>
public sealed class WireFormatTests
{
    private const string Root = "5c1f0e3a9b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";
    private const string Contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private const string Transaction = "0x9a4c6e8f0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
    private const string Block = "0x1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d";
    private static readonly Guid EventId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid SecondEventId = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    // Microseconds, as PostgreSQL keeps a timestamptz; kind UTC, as Npgsql reads one.
    private static readonly DateTime AnchoredAt = new DateTime(2026, 11, 25, 5, 30, 0, DateTimeKind.Utc).AddTicks(1_234_560);
    private static readonly DateTime CreatedAt = new DateTime(2026, 11, 25, 5, 29, 59, DateTimeKind.Utc).AddTicks(9_876_540);

    private static readonly Anchor Anchor = new(4, 1200, Root, 31337, Contract, Transaction, 57, Block, AnchoredAt);

    public static TheoryData<string, object> Answers() => new()
    {
        { "checkpoint-anchored.json", new Checkpoint(1200, Root, CreatedAt, Anchor) },
        { "checkpoint-pending.json", new Checkpoint(1201, Root.Replace('5', '6'), CreatedAt, null) },
        { "anchors.json", new[] { Anchor, Anchor with { Index = 5, TreeSize = 1300, AnchoredAt = AnchoredAt.AddMinutes(1) } } },
        {
            "inclusion-proof.json",
            new InclusionProof(EventId, "health-records", 42, 17, new string('a', 64), 1200, Root, [new string('b', 64), new string('c', 64)], Anchor)
        },
        { "consistency-proof.json", new ConsistencyProof(1100, 1200, new string('d', 64), Root, [new string('e', 64), new string('f', 64)]) },
        { "service-leaves.json", new[] { new ServiceLeaf(EventId, 42, 17, new string('a', 64)) } },
        { "leaves.json", new[] { new LogLeaf(17, new string('a', 64), EventId, "health-records", 42) } },
        {
            "batch-proof.json",
            new BatchInclusionProof(1200, Root, Anchor,
            [
                new LeafProof(17, new string('a', 64), EventId, "health-records", 42, [new string('b', 64), new string('c', 64)]),
                new LeafProof(18, new string('d', 64), SecondEventId, "health-records", 43, [new string('e', 64), new string('f', 64)]),
            ])
        },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task The_ledger_writes_exactly_the_golden_answer(string fixture, object answer)
    {
        // given the ledger's own HTTP JSON settings (built, never started: nothing is connected to)
        await using var ledger = LedgerApp.Create(
            ["--ConnectionStrings:Postgres=Host=127.0.0.1;Database=unused", "--ConnectionStrings:RabbitMq=amqp://guest:guest@127.0.0.1:1/"]);

        // when the answer is written as its endpoints write it
        var body = Write(ledger.Services, answer);

        // then it is the golden answer, byte for byte (the file adds one final newline)
        Assert.Equal(File.ReadAllText(FixturePath(fixture)), body + "\n");
    }

    // What Results.Ok does with an answer: the runtime type, the host's HTTP JSON options.
    private static string Write(IServiceProvider services, object answer) =>
        JsonSerializer.Serialize(answer, answer.GetType(), services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

    private static string FixturePath(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CityServices.sln")))
            {
                return Path.Combine(directory.FullName, "contracts", "vectors", "ledger-api", name);
            }
        }

        throw new InvalidOperationException($"No CityServices.sln above {AppContext.BaseDirectory}.");
    }
}
