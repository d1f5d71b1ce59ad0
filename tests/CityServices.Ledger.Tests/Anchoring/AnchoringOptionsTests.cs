using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>Anchoring settings: a misconfigured writer refuses to start and says which setting is wrong.</summary>
public class AnchoringOptionsTests(CityInfrastructure infrastructure)
{
    [Theory]
    [InlineData("--Ledger:Chain:RpcUrl=not a url", "Ledger:Chain:RpcUrl")]
    [InlineData("--Ledger:Chain:RpcUrl=ftp://127.0.0.1:58545", "Ledger:Chain:RpcUrl")]
    [InlineData("--Ledger:Chain:PrivateKey=0x1234", "Ledger:Chain:PrivateKey")]
    [InlineData("--Ledger:Chain:PrivateKey=", "Ledger:Chain:PrivateKey")]
    [InlineData("--Ledger:Chain:ContractAddress=0xnot-an-address", "Ledger:Chain:ContractAddress")]
    [InlineData("--Ledger:Confirmations=0", "Ledger:Confirmations")]
    public async Task A_misconfigured_setting_stops_the_ledger_at_start_naming_the_setting(string setting, string key)
    {
        await using var app = await CreateAsync(
            $"--Ledger:Chain:RpcUrl={infrastructure.ChainRpcUrl}",
            "--Ledger:Chain:ChainId=31337",
            setting);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains(failure.Failures, message => message.StartsWith($"{key}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proof_only_replica_starts_without_a_chain_or_a_key()
    {
        await using var app = await CreateAsync("--Ledger:RunAnchoring=false", "--Ledger:Chain:PrivateKey=");

        await app.StartAsync(Ct);
        await app.StopAsync(Ct);
    }

    [Fact]
    public async Task The_platform_wide_chain_settings_that_city_passes_apply_when_the_ledger_has_none_of_its_own()
    {
        await using var app = await CreateAsync("--Chain:RpcUrl=http://127.0.0.1:58545", "--Chain:ChainId=1337");

        var chain = app.Services.GetRequiredService<IOptions<AnchoringOptions>>().Value.Chain;

        Assert.Equal((new Uri("http://127.0.0.1:58545"), 1337L), (chain.RpcUrl, chain.ChainId));
    }

    [Fact]
    public async Task The_ledgers_own_chain_settings_win_over_the_platform_wide_ones()
    {
        await using var app = await CreateAsync(
            "--Chain:RpcUrl=http://127.0.0.1:58545", "--Chain:ChainId=1337", "--Ledger:Chain:RpcUrl=http://10.0.0.1:8545", "--Ledger:Chain:ChainId=10");

        var chain = app.Services.GetRequiredService<IOptions<AnchoringOptions>>().Value.Chain;

        Assert.Equal((new Uri("http://10.0.0.1:8545"), 10L), (chain.RpcUrl, chain.ChainId));
    }

    private async Task<WebApplication> CreateAsync(params string[] settings)
    {
        var postgres = await infrastructure.CreateDatabaseAsync("anchoring-options");
        return LedgerApp.Create(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            "--Authentication:Authority=http://127.0.0.1:9/",
            "--Authentication:RequireHttpsMetadata=false",
            $"--ConnectionStrings:Postgres={postgres}",
            $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
            $"--Messaging:EntityPrefix={CityInfrastructure.NewPrefix("anchoring-options")}",
            // anvil's dev account 0: a PUBLIC test key.
            "--Ledger:Chain:PrivateKey=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "--Logging:LogLevel:Default=None",
            .. settings,
        ]);
    }
}
