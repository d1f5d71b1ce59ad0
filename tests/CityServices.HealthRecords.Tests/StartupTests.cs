using Microsoft.Extensions.Options;

namespace CityServices.HealthRecords.Tests;

public sealed class StartupTests
{
    private static string[] Settings(string environment, params string[] more) =>
    [
        "--urls=http://127.0.0.1:0",
        $"--environment={environment}",
        "--Authentication:Authority=https://identity.example/",
        "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=9;Database=none",
        "--ConnectionStrings:RabbitMq=amqp://guest:guest@127.0.0.1:9/",
        "--Ledger:BaseUrl=https://ledger.example/",
        .. more,
    ];

    [Fact]
    public async Task Outside_development_a_missing_master_key_stops_the_service_at_start_naming_the_setting()
    {
        await using var app = HealthRecordsApp.Create(Settings("Production"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains("HealthRecords:Encryption:MasterKey", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ZGV2LW9ubHkta2V5LWhlYWx0aC1yZWNvcmRzLTMyYiE=")] // the published development key
    [InlineData("c2hvcnQ=")] // five bytes
    [InlineData("not base64 at all")]
    public async Task Outside_development_the_development_key_or_a_malformed_key_is_refused(string key)
    {
        await using var app = HealthRecordsApp.Create(Settings("Production", $"--HealthRecords:Encryption:MasterKey={key}"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains("HealthRecords:Encryption:MasterKey", failure.Message, StringComparison.Ordinal);
    }
}
