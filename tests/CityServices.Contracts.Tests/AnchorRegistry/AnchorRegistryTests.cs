using System.Security.Cryptography;

namespace CityServices.Contracts.Tests.AnchorRegistry;

/// <summary>
/// The registry's rules on a real chain. Each test deploys its own registry from accounts the
/// fixture funds for it, so tests never share state or a nonce.
/// </summary>
public class AnchorRegistryTests(CityInfrastructure infrastructure)
{
    /// <summary>anvil's dev account 9 — a PUBLIC test key printed by every anvil, worthless anywhere else.</summary>
    private const string AnvilPublicDevAccount9Key = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";

    private const ulong EnoughGas = 200_000;

    private readonly CommittedArtefacts _artefacts = CommittedArtefacts.In(infrastructure);

    [Fact]
    public async Task The_committed_bytecode_deploys_with_an_anvil_dev_account_which_becomes_the_owner_of_an_empty_registry()
    {
        var registry = await RegistryClient.DeployAsync(infrastructure, AnvilPublicDevAccount9Key, _artefacts);

        Assert.Equal("0xa0ee7a142d267c1f36714e4a8f75612f20a79720", await registry.OwnerAsync());
        Assert.Equal(0UL, await registry.CountAsync());
        Assert.Equal(new ContractError("NoAnchors", ""), await registry.CallRefusalAsync("latest"));
        Assert.Equal(new ContractError("AnchorIndexOutOfRange", "index=0, count=0"), await registry.CallRefusalAsync("anchorAt", 0));
    }

    [Fact]
    public async Task Anchoring_twice_stores_both_tree_heads_in_order_with_their_blocks_and_announces_each()
    {
        var ledger = await DeployAsync();
        var (firstRoot, secondRoot) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));

        var first = await ledger.AnchorAsync(firstRoot, 5);
        var second = await ledger.AnchorAsync(secondRoot, 12);

        var firstAnchor = new AnchorEntry(Hex(firstRoot), 5, (ulong)first.BlockNumber.Value, await ledger.BlockTimestampAsync(first));
        var secondAnchor = new AnchorEntry(Hex(secondRoot), 12, (ulong)second.BlockNumber.Value, await ledger.BlockTimestampAsync(second));
        Assert.Equal(2UL, await ledger.CountAsync());
        Assert.Equal((1UL, secondAnchor), await ledger.LatestAsync());
        Assert.Equal(firstAnchor, await ledger.AnchorAtAsync(0));
        Assert.Equal(secondAnchor, await ledger.AnchorAtAsync(1));
        Assert.Equal([new AnchoredEvent(0, Hex(firstRoot), 5, ledger.Sender)], ledger.AnchoredEvents(first));
        Assert.Equal([new AnchoredEvent(1, Hex(secondRoot), 12, ledger.Sender)], ledger.AnchoredEvents(second));
        Assert.Equal(new ContractError("AnchorIndexOutOfRange", "index=2, count=2"), await ledger.CallRefusalAsync("anchorAt", 2));
    }

    [Fact]
    public async Task An_anchor_from_an_account_other_than_the_owner_is_refused_and_stores_nothing()
    {
        var ledger = await DeployAsync();
        var stranger = ledger.As(await infrastructure.FundNewAccountAsync());

        var refusal = await stranger.RefusalAsync("anchor", RandomNumberGenerator.GetBytes(32), 1UL);
        var forced = await stranger.SendUncheckedAsync("anchor", EnoughGas, RandomNumberGenerator.GetBytes(32), 1UL);

        Assert.Equal(new ContractError("NotOwner", $"caller={stranger.Sender}"), refusal);
        Assert.Equal(0, (int)forced.Status.Value);
        Assert.Empty(ledger.AnchoredEvents(forced));
        Assert.Equal(0UL, await ledger.CountAsync());
    }

    [Fact]
    public async Task A_tree_size_that_does_not_grow_is_refused_and_the_latest_anchor_stays()
    {
        var ledger = await DeployAsync();
        var root = RandomNumberGenerator.GetBytes(32);
        await ledger.AnchorAsync(root, 10);
        var latest = await ledger.LatestAsync();

        var same = await ledger.RefusalAsync("anchor", RandomNumberGenerator.GetBytes(32), 10UL);
        var smaller = await ledger.RefusalAsync("anchor", RandomNumberGenerator.GetBytes(32), 9UL);
        var forced = await ledger.SendUncheckedAsync("anchor", EnoughGas, RandomNumberGenerator.GetBytes(32), 3UL);

        Assert.Equal(new ContractError("TreeSizeMustGrow", "latest=10, given=10"), same);
        Assert.Equal(new ContractError("TreeSizeMustGrow", "latest=10, given=9"), smaller);
        Assert.Equal(0, (int)forced.Status.Value);
        Assert.Equal(latest, await ledger.LatestAsync());
        Assert.Equal(1UL, await ledger.CountAsync());
    }

    [Fact]
    public async Task The_empty_log_is_never_anchored()
    {
        var ledger = await DeployAsync();

        var refusal = await ledger.RefusalAsync("anchor", RandomNumberGenerator.GetBytes(32), 0UL);

        Assert.Equal(new ContractError("TreeSizeMustGrow", "latest=0, given=0"), refusal);
    }

    [Fact]
    public async Task The_ledger_key_is_rotated_only_when_the_new_key_accepts_and_then_only_the_new_key_anchors()
    {
        var oldKey = await DeployAsync();
        var newKey = oldKey.As(await infrastructure.FundNewAccountAsync());
        var stranger = oldKey.As(await infrastructure.FundNewAccountAsync());

        await oldKey.TransferOwnershipAsync(newKey.Sender);
        Assert.Equal(oldKey.Sender, await oldKey.OwnerAsync());
        Assert.Equal(newKey.Sender, await oldKey.PendingOwnerAsync());
        Assert.Equal(new ContractError("NotOwner", $"caller={newKey.Sender}"), await newKey.RefusalAsync("anchor", RandomNumberGenerator.GetBytes(32), 1UL));
        Assert.Equal(new ContractError("NotPendingOwner", $"caller={stranger.Sender}"), await stranger.RefusalAsync("acceptOwnership"));

        await newKey.AcceptOwnershipAsync();

        Assert.Equal(newKey.Sender, await oldKey.OwnerAsync());
        Assert.Equal("0x0000000000000000000000000000000000000000", await oldKey.PendingOwnerAsync());
        Assert.Equal(new ContractError("NotOwner", $"caller={oldKey.Sender}"), await oldKey.RefusalAsync("anchor", RandomNumberGenerator.GetBytes(32), 1UL));
        var anchored = await newKey.AnchorAsync(RandomNumberGenerator.GetBytes(32), 1);
        Assert.Equal(newKey.Sender, Assert.Single(newKey.AnchoredEvents(anchored)).Submitter);
    }

    [Fact]
    public async Task Only_the_owner_can_offer_ownership()
    {
        var ledger = await DeployAsync();
        var stranger = ledger.As(await infrastructure.FundNewAccountAsync());

        var refusal = await stranger.RefusalAsync("transferOwnership", stranger.Sender);

        Assert.Equal(new ContractError("NotOwner", $"caller={stranger.Sender}"), refusal);
    }

    private async Task<RegistryClient> DeployAsync() =>
        await RegistryClient.DeployAsync(infrastructure, await infrastructure.FundNewAccountAsync(), _artefacts);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
