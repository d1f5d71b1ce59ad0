using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Nethereum.Web3.Accounts;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>
/// The halts: a chain or registry the ledger cannot trust stops anchoring, says why, and sends
/// nothing. Each test has its own database, funded account and registry on the shared chain.
/// Every cycle repeats the halt, so the second one is the signal that the first changed nothing.
/// </summary>
public class AnchoringHaltTests(CityInfrastructure infrastructure)
{
    private const string Halted = "Anchoring halted until an operator acts: ";

    /// <summary>Runtime code that always reverts: PUSH1 0, PUSH1 0, REVERT.</summary>
    private const string AlwaysReverts = "0x60006000fd";

    [Fact]
    public async Task A_registry_holding_another_root_for_the_checkpoints_size_halts_anchoring_naming_both_roots()
    {
        // given the ledger's registry already holding tree size 4 with a root the log does not have
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-fork");
        var tables = new AnchoringTables(postgres);
        var chain = new ChainView(infrastructure.ChainRpcUrl);
        var key = await infrastructure.FundNewAccountAsync();
        var web3 = new Web3(new Account(key, infrastructure.ChainId), infrastructure.ChainRpcUrl.ToString());
        var registry = await RegistryDeployment.DeployAsync(web3, infrastructure);
        var foreignRoot = RandomNumberGenerator.GetBytes(32);
        await RegistryDeployment.AnchorAsync(web3, registry, foreignRoot, 4);
        var sent = await chain.PendingNonceAsync(new Account(key).Address);

        // when the ledger's log reaches 4 leaves
        await using var ledger = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, key, contractAddress: registry);
        await ledger.AppendAsync(4);
        var halts = await ledger.Log.WaitForAsync(LogLevel.Error, Halted, count: 2);

        // then every cycle halts on the disagreement, and nothing is recorded or sent
        var expected = $"{Halted}Anchor 0 on chain holds tree size 4 with root {Convert.ToHexStringLower(foreignRoot)}, " +
            $"but the log's checkpoint has root {ledger.ExpectedRoot(4)}: the log and the chain disagree.";
        Assert.Equal([expected, expected], halts.Take(2));
        Assert.Empty(await tables.AnchorsAsync());
        Assert.Equal([new AnchoringTables.CheckpointRow(4, ledger.ExpectedRoot(4))], await tables.CheckpointsAsync());
        Assert.Equal((Convert.ToHexStringLower(foreignRoot), 4L), await chain.AnchorAtAsync(registry, 0));
        Assert.Equal(1, await chain.CountAsync(registry));
        Assert.Equal(sent, await chain.PendingNonceAsync(new Account(key).Address));
    }

    [Fact]
    public async Task A_node_reporting_another_chain_id_halts_anchoring_before_anything_is_deployed()
    {
        // given a ledger configured for a chain id the node does not report
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-chain-id");
        var tables = new AnchoringTables(postgres);
        var key = await infrastructure.FundNewAccountAsync();
        var configured = infrastructure.ChainId + 1;
        await using var ledger = await AnchoringLedger.StartAsync(
            infrastructure, postgres, infrastructure.ChainRpcUrl, key,
            settings: [$"--Ledger:Chain:ChainId={configured.ToString(CultureInfo.InvariantCulture)}"]);

        // when the log grows and its checkpoint is fixed (that needs only the database)
        await ledger.AppendAsync(3);
        await Eventually.UntilAsync(tables.CheckpointsAsync, rows => rows.Count == 1, "the checkpoint");
        var halts = await ledger.Log.WaitForAsync(LogLevel.Error, Halted, ledger.Log.Matching(LogLevel.Error, Halted).Count + 1);

        // then anchoring halts naming both ids, and the account deployed and sent nothing
        Assert.Equal(
            $"{Halted}The node at Ledger:Chain:RpcUrl reports chain id {infrastructure.ChainId}, not the configured Ledger:Chain:ChainId {configured}.",
            halts[^1]);
        Assert.Null(await tables.RecordedRegistryAsync());
        Assert.Empty(await tables.AnchorsAsync());
        Assert.Equal(0, await new ChainView(infrastructure.ChainRpcUrl).PendingNonceAsync(new Account(key).Address));
    }

    [Fact]
    public async Task A_recorded_registry_whose_code_was_replaced_halts_anchoring_and_nothing_is_redeployed()
    {
        // given a ledger that deployed its registry and anchored once
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-code");
        var tables = new AnchoringTables(postgres);
        var chain = new ChainView(infrastructure.ChainRpcUrl);
        var key = await infrastructure.FundNewAccountAsync();
        await using var ledger = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, key);
        await ledger.AppendAsync(3);
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the first anchor"));

        // when that address's code is replaced (here by one that always reverts) and the log grows
        await AnvilRpc.CallAsync(infrastructure.ChainRpcUrl, "anvil_setCode", anchor.Contract, AlwaysReverts);
        await ledger.AppendAsync(2);
        var halts = await ledger.Log.WaitForAsync(LogLevel.Error, Halted, count: 2);

        // then anchoring halts naming the address and where it came from, and sends nothing more
        var expected = $"{Halted}{anchor.Contract} (from ledger.anchor_registry) on chain {infrastructure.ChainId} " +
            "does not hold the committed AnchorRegistry code (different code).";
        Assert.Equal([expected, expected], halts.Take(2));
        Assert.Equal([anchor], await tables.AnchorsAsync());
        Assert.Equal(anchor.Contract, await tables.RecordedRegistryAsync());
        Assert.Equal(2, await chain.PendingNonceAsync(new Account(key).Address));
    }

    [Fact]
    public async Task A_configured_registry_address_without_code_halts_anchoring_naming_the_setting()
    {
        // given a ledger configured with an address that holds no contract
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-no-code");
        var key = await infrastructure.FundNewAccountAsync();
        var empty = new Account(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).Address.ToLowerInvariant();
        await using var ledger = await AnchoringLedger.StartAsync(infrastructure, postgres, infrastructure.ChainRpcUrl, key, contractAddress: empty);

        // when a cycle runs
        var halt = (await ledger.Log.WaitForAsync(LogLevel.Error, Halted))[0];

        // then it halts, naming the setting and the likely cause, and deploys nothing in its place
        Assert.Equal(
            $"{Halted}{empty} (from Ledger:Chain:ContractAddress) on chain {infrastructure.ChainId} " +
            "does not hold the committed AnchorRegistry code (no code at all: a reset chain or a wrong address).",
            halt);
        Assert.Null(await new AnchoringTables(postgres).RecordedRegistryAsync());
        Assert.Equal(0, await new ChainView(infrastructure.ChainRpcUrl).PendingNonceAsync(new Account(key).Address));
    }
}
