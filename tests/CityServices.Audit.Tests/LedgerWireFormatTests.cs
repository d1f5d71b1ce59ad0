using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityServices.Audit.Ledger;
using CityServices.Audit.Output;

namespace CityServices.Audit.Tests;

/// <summary>
/// city-audit's own reader of the ledger's answers, against the golden answers in
/// contracts/vectors/ledger-api that the ledger is tested to write byte for byte
/// (tests/CityServices.Ledger.Tests/WireFormatTests.cs): the two sides agree through the files.
/// </summary>
public sealed class LedgerWireFormatTests
{
    // The inputs of the ledger's side, written out again: the files, not shared code, join the two.
    private static readonly Anchor Anchor = new(
        Index: 4,
        TreeSize: 1200,
        RootHash: "5c1f0e3a9b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e",
        ChainId: 31337,
        Contract: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        TransactionHash: "0x9a4c6e8f0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a",
        BlockNumber: 57,
        BlockHash: "0x1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d",
        AnchoredAt: DateTimeOffset.Parse("2026-11-25T05:30:00.123456Z", CultureInfo.InvariantCulture));

    private static readonly DateTimeOffset CreatedAt = DateTimeOffset.Parse("2026-11-25T05:29:59.987654Z", CultureInfo.InvariantCulture);
    private static readonly Guid EventId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static string Root => Anchor.RootHash;

    [Fact]
    public void An_anchored_checkpoint_reads_with_every_anchor_member_and_the_microseconds_of_its_times()
    {
        var checkpoint = Read<Checkpoint>("checkpoint-anchored.json");

        Assert.Equal(new Checkpoint(1200, Root, CreatedAt, Anchor), checkpoint);
        Assert.Equal(TimeSpan.Zero, checkpoint.Anchor!.AnchoredAt.Offset);
    }

    [Fact]
    public void A_checkpoint_waiting_for_its_anchor_reads_with_a_null_anchor()
    {
        var checkpoint = Read<Checkpoint>("checkpoint-pending.json");

        Assert.Equal(new Checkpoint(1201, Root.Replace('5', '6'), CreatedAt, null), checkpoint);
    }

    [Fact]
    public void A_page_of_anchors_reads_in_order()
    {
        var anchors = Read<List<Anchor>>("anchors.json");

        Assert.Equal([Anchor, Anchor with { Index = 5, TreeSize = 1300, AnchoredAt = Anchor.AnchoredAt.AddMinutes(1) }], anchors);
    }

    [Fact]
    public void An_inclusion_proof_reads_with_its_audit_path_and_anchor()
    {
        var proof = Read<InclusionProof>("inclusion-proof.json");

        string[] path = [new('b', 64), new('c', 64)];
        Assert.Equal(new InclusionProof(EventId, "health-records", 42, 17, new string('a', 64), 1200, Root, proof.AuditPath, Anchor), proof);
        Assert.Equal(path, proof.AuditPath);
    }

    [Fact]
    public void A_consistency_proof_reads_with_its_hashes_in_order()
    {
        var proof = Read<ConsistencyProof>("consistency-proof.json");

        string[] hashes = [new('e', 64), new('f', 64)];
        Assert.Equal(new ConsistencyProof(1100, 1200, new string('d', 64), Root, proof.Proof), proof);
        Assert.Equal(hashes, proof.Proof);
    }

    [Fact]
    public void A_page_of_a_services_leaves_reads_in_order()
    {
        var leaves = Read<List<ServiceLeaf>>("service-leaves.json");

        Assert.Equal([new ServiceLeaf(EventId, 42, 17, new string('a', 64))], leaves);
    }

    [Fact]
    public void A_page_of_log_leaves_reads_in_order()
    {
        var leaves = Read<List<LogLeaf>>("leaves.json");

        Assert.Equal([new LogLeaf(17, new string('a', 64), EventId, "health-records", 42)], leaves);
    }

    [Fact]
    public void A_batch_proof_reads_with_one_anchor_and_each_leaf_s_audit_path()
    {
        var batch = Read<BatchInclusionProof>("batch-proof.json");

        Assert.Equal((1200L, Root, Anchor), (batch.TreeSize, batch.RootHash, batch.Anchor));
        Assert.Equal(
            [
                (17L, new string('a', 64), EventId, "health-records", 42L, new[] { new string('b', 64), new string('c', 64) }),
                (18L, new string('d', 64), Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"), "health-records", 43L, new[] { new string('e', 64), new string('f', 64) }),
            ],
            batch.Proofs.Select(p => (p.LeafIndex, p.LeafHash, p.EventId, p.Service, p.Sequence, p.AuditPath.ToArray())));
    }

    [Theory]
    [InlineData("transactionHash")]
    [InlineData("blockNumber")]
    [InlineData("blockHash")]
    [InlineData("anchoredAt")]
    public void An_anchor_without_a_member_the_ledger_always_sends_is_refused(string member)
    {
        var answer = JsonNode.Parse(File.ReadAllText(FixturePath("checkpoint-anchored.json")))!;
        answer["anchor"]!.AsObject().Remove(member);

        Assert.ThrowsAny<JsonException>(() => answer.Deserialize<Checkpoint>(AuditJson.Options));
    }

    private static T Read<T>(string fixture) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(FixturePath(fixture)), AuditJson.Options)
        ?? throw new InvalidOperationException($"{fixture} is null");

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
