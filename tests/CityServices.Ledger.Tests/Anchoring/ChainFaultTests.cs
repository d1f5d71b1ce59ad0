using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Nethereum.Web3.Accounts;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>
/// What the chain can do to an anchor in flight or already published: a reset, a mined revert, a
/// transaction never mined, a reorganisation deeper than the confirmations. Each test runs an anvil
/// of its own, since these change the whole chain (mining paused, history rewritten).
/// </summary>
public partial class ChainFaultTests(CityInfrastructure infrastructure)
{
    private const string Halted = "Anchoring halted until an operator acts: ";
    private const string Failed = "Anchoring cycle failed, retrying in the next one: ";

    /// <summary>An address that is not the ledger's, to take the registry's ownership from it.</summary>
    private const string Stranger = "0x000000000000000000000000000000000000dead";

    private static readonly string Ledger = new Account(OwnAnvil.DevAccount0Key).Address;

    [Fact]
    public async Task After_a_chain_reset_anchoring_halts_on_the_lost_anchor_and_the_missing_registry_and_sends_nothing()
    {
        // given a ledger that deployed its registry and anchored once
        await using var anvil = await OwnAnvil.StartAsync(infrastructure);
        var chain = new ChainView(anvil.RpcUrl);
        var tables = new AnchoringTables(await infrastructure.CreateDatabaseAsync("anchoring-reset"));
        await using var ledger = await StartAsync(anvil, tables);
        await ledger.AppendAsync(3);
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the first anchor"));

        // when the chain is reset to its genesis and the log grows
        await anvil.CallAsync("anvil_reset");
        await ledger.AppendAsync(2);
        var halts = await ledger.Log.WaitForAsync(LogLevel.Error, Halted, count: 3);

        // then the cycle halts on the published anchor the chain lost, and every later one on the registry's missing code
        Assert.Equal(
            [
                $"{Halted}The recorded anchor of tree size 3 (block {anchor.BlockNumber}, {anchor.BlockHash}) is no longer on chain: " +
                    "a reorganisation deeper than Ledger:Confirmations (1) or a reset chain.",
                $"{Halted}{anchor.Contract} (from ledger.anchor_registry) on chain {infrastructure.ChainId} " +
                    "does not hold the committed AnchorRegistry code (no code at all: a reset chain or a wrong address).",
                $"{Halted}{anchor.Contract} (from ledger.anchor_registry) on chain {infrastructure.ChainId} " +
                    "does not hold the committed AnchorRegistry code (no code at all: a reset chain or a wrong address).",
            ],
            halts.Take(3));
        // and nothing was deployed or sent on the new chain, nor recorded
        Assert.Equal(0, await chain.PendingNonceAsync(Ledger));
        Assert.Equal("0x", await chain.CodeAsync(anchor.Contract));
        Assert.Equal([anchor], await tables.AnchorsAsync());
    }

    [Fact]
    public async Task A_reorganisation_deeper_than_the_confirmations_halts_anchoring_instead_of_anchoring_over_the_lost_anchor()
    {
        // given an anchor recorded after its one confirmation, with one more block on top
        await using var anvil = await OwnAnvil.StartAsync(infrastructure);
        var chain = new ChainView(anvil.RpcUrl);
        var tables = new AnchoringTables(await infrastructure.CreateDatabaseAsync("anchoring-deep-reorg"));
        await using var ledger = await StartAsync(anvil, tables);
        await ledger.AppendAsync(3);
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the first anchor"));
        await anvil.CallAsync("evm_mine");

        // when both blocks are replaced by empty ones (a depth of 2, deeper than the 1 confirmation) and the log grows
        await anvil.CallAsync("anvil_reorg", 2, Array.Empty<object>());
        Assert.NotEqual(anchor.BlockHash, await chain.BlockHashAsync(anchor.BlockNumber));
        var sent = await chain.PendingNonceAsync(Ledger);
        await ledger.AppendAsync(2);
        var halts = await ledger.Log.WaitForAsync(LogLevel.Error, Halted, count: 2);

        // then every cycle halts naming the lost anchor, and no later checkpoint takes its place on chain
        var expected = $"{Halted}The recorded anchor of tree size 3 (block {anchor.BlockNumber}, {anchor.BlockHash}) is no longer on chain: " +
            "a reorganisation deeper than Ledger:Confirmations (1) or a reset chain.";
        Assert.Equal([expected, expected], halts.Take(2));
        Assert.Equal(0, await chain.CountAsync(anchor.Contract));
        Assert.Equal(sent, await chain.PendingNonceAsync(Ledger));
        Assert.Equal([anchor], await tables.AnchorsAsync());
    }

    [Fact]
    public async Task A_mined_revert_is_never_recorded_and_the_checkpoint_is_anchored_by_a_later_transaction()
    {
        // given a ledger with its registry, on a chain that mines only when the test says
        await using var anvil = await OwnAnvil.StartAsync(infrastructure);
        var chain = new ChainView(anvil.RpcUrl);
        var tables = new AnchoringTables(await infrastructure.CreateDatabaseAsync("anchoring-revert"));
        await using var ledger = await StartAsync(anvil, tables);
        var registry = (await Eventually.UntilAsync(tables.RecordedRegistryAsync, address => address is not null, "the registry deployment"))!;
        await anvil.CallAsync("evm_setAutomine", false);

        // when the ledger's anchor is in the pool (its gas estimated on the registry as it was)
        var mined = await chain.NonceAsync(Ledger);
        await ledger.AppendAsync(5);
        await Eventually.UntilAsync(() => chain.PendingNonceAsync(Ledger), pending => pending == mined + 1, "the anchor transaction to be sent");
        // and the registry's owner (storage slot 0) changes before it is mined
        await anvil.CallAsync("anvil_setStorageAt", registry, "0x0", OwnerSlot(Stranger));
        await anvil.CallAsync("evm_mine");
        var failure = (await ledger.Log.WaitForAsync(LogLevel.Warning, $"{Failed}The anchor of tree size 5 was mined but reverted"))[0];

        // then the cycle fails naming the reverted transaction, whose receipt says so, and nothing is recorded
        var transaction = TransactionIn().Match(failure).Value;
        var reverted = await chain.ReceiptAsync(transaction);
        Assert.Equal(BigInteger.Zero, reverted!.Status.Value);
        Assert.Equal($"{Failed}The anchor of tree size 5 was mined but reverted (transaction {transaction}, block {reverted.BlockNumber.Value}).", failure);
        Assert.Empty(await tables.AnchorsAsync());

        // when the registry is the ledger's again and the chain mines
        await anvil.CallAsync("anvil_setStorageAt", registry, "0x0", OwnerSlot(Ledger));
        await anvil.CallAsync("evm_setAutomine", true);
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the anchor after the revert"));

        // then another transaction anchored the checkpoint, once
        Assert.NotEqual(transaction, anchor.TransactionHash, StringComparer.OrdinalIgnoreCase);
        Assert.Equal((ledger.ExpectedRoot(5), 5L), await chain.AnchorAtAsync(registry, 0));
        Assert.Equal(1, await chain.CountAsync(registry));
    }

    [Fact]
    public async Task A_transaction_not_mined_within_the_wait_timeout_fails_the_cycle_and_is_recorded_once_mined_never_sent_twice()
    {
        // given a ledger that waits one second for a receipt, on a chain that mines only when the test says
        await using var anvil = await OwnAnvil.StartAsync(infrastructure);
        var chain = new ChainView(anvil.RpcUrl);
        var tables = new AnchoringTables(await infrastructure.CreateDatabaseAsync("anchoring-receipt-timeout"));
        await using var ledger = await StartAsync(anvil, tables, "--Ledger:Chain:WaitTimeout=00:00:01");
        var registry = (await Eventually.UntilAsync(tables.RecordedRegistryAsync, address => address is not null, "the registry deployment"))!;
        await anvil.CallAsync("evm_setAutomine", false);

        // when the anchor is sent and not mined
        await ledger.AppendAsync(5);
        var timeout = (await ledger.Log.WaitForAsync(LogLevel.Warning, $"{Failed}Waited 00:00:01 for the receipt of "))[0];

        // then the cycle fails naming the transaction, which is still unmined, and nothing is recorded
        var transaction = TransactionIn().Match(timeout).Value;
        Assert.Equal($"{Failed}Waited 00:00:01 for the receipt of {transaction} on chain {infrastructure.ChainId}.", timeout);
        Assert.Null(await chain.ReceiptAsync(transaction));
        Assert.Empty(await tables.AnchorsAsync());

        // when the chain mines again
        await anvil.CallAsync("evm_setAutomine", true);
        await anvil.CallAsync("evm_mine");
        var anchor = Assert.Single(await Eventually.UntilAsync(tables.AnchorsAsync, rows => rows.Count == 1, "the anchor once mined"));

        // then the transaction that timed out is the one recorded, found on chain, and the account sent no other
        Assert.Equal(transaction, anchor.TransactionHash, ignoreCase: true);
        Assert.Equal((ledger.ExpectedRoot(5), 5L), await chain.AnchorAtAsync(registry, 0));
        Assert.Equal(2, await chain.PendingNonceAsync(Ledger));
    }

    private async Task<AnchoringLedger> StartAsync(OwnAnvil anvil, AnchoringTables tables, params string[] settings) =>
        await AnchoringLedger.StartAsync(infrastructure, tables.ConnectionString, anvil.RpcUrl, OwnAnvil.DevAccount0Key, settings: settings);

    /// <summary>An address as a 32-byte storage word.</summary>
    private static string OwnerSlot(string address) => "0x" + address[2..].ToLowerInvariant().PadLeft(64, '0');

    [GeneratedRegex("0x[0-9a-fA-F]{64}")]
    private static partial Regex TransactionIn();
}
