namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>
/// The confirmations production runs with (the code default of <see cref="AnchoringOptions.Confirmations"/>;
/// appsettings.Development.json, which the test hosts load, lowers it to 1) hold an anchor back until its
/// block has that many blocks, itself included. Runs its own anvil, which only grows when the test mines.
/// </summary>
public class ShippedConfirmationsTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task With_the_shipped_confirmations_an_anchor_is_recorded_only_once_its_block_has_that_many()
    {
        // given a ledger with production's number of confirmations, read from the options class itself
        var confirmations = new AnchoringOptions().Confirmations;
        await using var anvil = await OwnAnvil.StartAsync(infrastructure);
        var chain = new ChainView(anvil.RpcUrl);
        var tables = new AnchoringTables(await infrastructure.CreateDatabaseAsync("anchoring-shipped-confirmations"));
        await using var ledger = await AnchoringLedger.StartAsync(infrastructure, tables.ConnectionString, anvil.RpcUrl, OwnAnvil.DevAccount0Key, confirmations: confirmations);
        var registry = (await Eventually.UntilAsync(tables.RecordedRegistryAsync, address => address is not null, "the registry deployment"))!;

        // when its anchor is mined, and blocks follow one at a time
        await ledger.AppendAsync(4);
        await Eventually.UntilAsync(() => chain.CountAsync(registry), count => count == 1, "the anchor to be mined");
        var minedIn = await chain.BlockNumberAsync();
        var anchors = await Eventually.UntilAsync(async () =>
        {
            var recorded = await tables.AnchorsAsync();
            if (recorded.Count == 0)
            {
                await anvil.CallAsync("evm_mine");
            }

            return recorded;
        }, rows => rows.Count == 1, "the anchor after its confirmations");

        // then it was recorded in the block it was mined in, and not before that block had its confirmations
        var anchor = Assert.Single(anchors);
        Assert.Equal(minedIn, anchor.BlockNumber);
        Assert.True(await chain.BlockNumberAsync() >= minedIn + confirmations - 1, $"recorded before {confirmations} confirmations");
        Assert.Equal((ledger.ExpectedRoot(4), 4L), await chain.AnchorAtAsync(registry, 0));
    }
}
