namespace CityServices.Audit.Tests.Support;

/// <summary>Receipts exactly as docs/ledger-api.md shapes them: {record, data, proof}, the proof with its anchor.</summary>
internal static class Receipts
{
    public static JsonObject For(SampleEvent e, long leafIndex, MerkleTree tree, Anchor anchor) => new()
    {
        ["record"] = e.RecordJson(),
        ["data"] = e.Data.DeepClone(),
        ["proof"] = new JsonObject
        {
            ["eventId"] = e.Id.ToString("D"),
            ["service"] = e.Record.Service,
            ["sequence"] = e.Record.Sequence,
            ["leafIndex"] = leafIndex,
            ["leafHash"] = e.Record.LeafHashHex(),
            ["treeSize"] = anchor.TreeSize,
            ["rootHash"] = anchor.RootHash,
            ["auditPath"] = new JsonArray([.. tree.InclusionProof(leafIndex, anchor.TreeSize).Select(hash => (JsonNode)Hex.Encode(hash))]),
            ["anchor"] = new JsonObject
            {
                ["index"] = anchor.Index,
                ["treeSize"] = anchor.TreeSize,
                ["rootHash"] = anchor.RootHash,
                ["chainId"] = anchor.ChainId,
                ["contract"] = anchor.Contract,
                ["transactionHash"] = anchor.TransactionHash,
                ["blockNumber"] = anchor.BlockNumber,
                ["blockHash"] = anchor.BlockHash,
                ["anchoredAt"] = anchor.AnchoredAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            },
        },
    };
}
