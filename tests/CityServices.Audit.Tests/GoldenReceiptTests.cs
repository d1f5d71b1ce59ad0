using System.Text;
using CityServices.EventPipeline.Receipts;
using CityServices.EventPipeline.Relay;

namespace CityServices.Audit.Tests;

/// <summary>
/// The committed receipt (contracts/vectors/receipt-v1.json: record, data, proof and its anchor) is
/// what the receipt builder makes of a department's stored row and the ledger's proof, byte for
/// byte, and what city-audit verifies against a chain holding its anchor.
/// </summary>
public sealed class GoldenReceiptTests(CityInfrastructure infrastructure)
{
    /// <summary>The department's row the receipt is of, as PostgreSQL keeps it.</summary>
    private static readonly StoredEvent Stored = new(
        1208,
        Guid.Parse("0193b8e2-4a10-7c3e-8b21-5d7e9f1a2c34"),
        Guid.Parse("0193b8e2-49f0-7b6d-9e13-2c4a6b8d0f52"),
        2,
        "trade.shipment_declared",
        new DateTimeOffset(2026, 11, 24, 16, 7, 40, TimeSpan.Zero).AddTicks(1_234_560),
        """{"containerCount":1,"shipmentId":"0193b8e2-3f00-7a11-9c42-8d1e6f2a4b31","status":"declared"}""");

    private string GoldenPath => Path.Combine(infrastructure.RepositoryRoot!, "contracts", "vectors", "receipt-v1.json");

    [Fact]
    public async Task The_receipt_builder_rebuilds_the_golden_receipt_byte_for_byte()
    {
        var golden = await File.ReadAllBytesAsync(GoldenPath, Ct);
        using var document = JsonDocument.Parse(golden);

        var rebuilt = Receipt.Create(Stored, "trade", document.RootElement.GetProperty("proof"));

        Assert.Equal(Encoding.UTF8.GetString(golden), rebuilt.ToJsonString());
    }

    [Fact]
    public async Task City_audit_verifies_the_golden_receipt_against_a_chain_holding_its_anchor()
    {
        // given a fresh chain where the ledger's account deployed the registry and anchored the receipt's tree head
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(GoldenPath, Ct));
        var anchor = document.RootElement.GetProperty("proof").GetProperty("anchor");
        await using var chain = await FreshChain.StartAsync(infrastructure);
        var registry = await TestRegistry.DeployOnAsync(infrastructure, chain.RpcUrl, FreshChain.DevAccount0Key, FreshChain.ChainId);
        Assert.Equal(anchor.GetProperty("contract").GetString(), registry.Address);
        await registry.AnchorAsync(0, Hex.DecodeHash(anchor.GetProperty("rootHash").GetString()!), anchor.GetProperty("treeSize").GetInt64());

        // when an auditor verifies the receipt, pinning that registry
        var run = await Cli.RunAsync("verify-event", "--rpc", chain.RpcUrl.ToString(), "--event", GoldenPath, "--registry", registry.Pin, "--json");

        // then every check passes
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.True(json.GetProperty("verified").GetBoolean());
        Assert.Equal<(string?, bool)>(
            [("leaf record", true), ("data hash", true), ("leaf hash", true), ("anchor on chain", true), ("inclusion", true)],
            json.GetProperty("checks").EnumerateArray().Select(check => (check.GetProperty("name").GetString(), check.GetProperty("passed").GetBoolean())));
    }
}
