using System.Text.Json.Nodes;
using CityServices.EventPipeline.Receipts;
using CityServices.Hashing.Merkle;

namespace CityServices.EventPipeline.Tests;

public sealed class ReceiptTests
{
    private static readonly StoredEvent[] Stored =
    [
        Event(1, """{"permitId": "7d0d6f2e-1a8b-4c0e-9a57-3f1b2c4d5e6f", "kind": "kiosk"}"""),
        Event(2, """{"note": "checked", "permitId": "7d0d6f2e-1a8b-4c0e-9a57-3f1b2c4d5e6f"}"""),
        Event(3, """{"note": "approved"}"""),
    ];

    [Fact]
    public void A_receipt_carries_the_record_and_data_that_hash_to_the_proven_leaf()
    {
        // given the ledger's proof of the second event in a log of three
        var tree = new MerkleTree(Stored.Select(e => e.ToLeafRecord("permits").LeafHash()));
        var proof = ProofFor(tree, leafIndex: 1, Stored[1]);

        // when the service builds the receipt
        var receipt = Receipt.Create(Stored[1], "permits", proof);

        // then the record and data in it give the leaf hash the proof verifies for
        var record = LeafRecord.Parse(Encoding.UTF8.GetBytes(receipt["record"]!.ToJsonString()));
        Assert.Equal(EventDataHash.Compute(Encoding.UTF8.GetBytes(receipt["data"]!.ToJsonString())), record.DataSha256);
        var path = receipt["proof"]!["auditPath"]!.AsArray().Select(h => (byte[]?)Hex.DecodeHash(h!.GetValue<string>())).ToList();
        var result = MerkleVerifier.VerifyInclusion(1, tree.Size, record.LeafHash(), path, tree.RootHash());
        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void A_proof_for_another_leaf_is_refused_rather_than_handed_out()
    {
        var tree = new MerkleTree(Stored.Select(e => e.ToLeafRecord("permits").LeafHash()));
        var proofOfAnother = ProofFor(tree, leafIndex: 2, Stored[2]);

        var refusal = Assert.Throws<InvalidOperationException>(() => Receipt.Create(Stored[1], "permits", proofOfAnother));

        Assert.Contains(Stored[1].EventId.ToString(), refusal.Message, StringComparison.Ordinal);
    }

    private static JsonElement ProofFor(MerkleTree tree, long leafIndex, StoredEvent stored)
    {
        var proof = new JsonObject
        {
            ["eventId"] = stored.EventId,
            ["service"] = "permits",
            ["sequence"] = stored.Sequence,
            ["leafIndex"] = leafIndex,
            ["leafHash"] = Hex.Encode(tree.LeafHash(leafIndex)),
            ["treeSize"] = tree.Size,
            ["rootHash"] = Hex.Encode(tree.RootHash()),
            ["auditPath"] = new JsonArray([.. tree.InclusionProof(leafIndex, tree.Size).Select(h => JsonValue.Create(Hex.Encode(h)))]),
        };
        return JsonDocument.Parse(proof.ToJsonString()).RootElement.Clone();
    }

    private static StoredEvent Event(long sequence, string data) => new(
        Sequence: sequence,
        EventId: Guid.CreateVersion7(),
        StreamId: Guid.Parse("7d0d6f2e-1a8b-4c0e-9a57-3f1b2c4d5e6f"),
        StreamVersion: sequence,
        EventType: sequence == 1 ? "permits.permit_applied" : "permits.note_added",
        RecordedAt: new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero).AddTicks(sequence * 10),
        Data: data);
}
