using Microsoft.Extensions.Options;

namespace CityServices.Identity.Tests;

/// <summary>A misconfigured identity service refuses to start, naming the setting. No infrastructure is reached.</summary>
public sealed class StartupValidationTests
{
    private static readonly string[] Base =
    [
        "--urls=http://127.0.0.1:0",
        "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=9;Database=none",
        "--ConnectionStrings:RabbitMq=amqp://guest:guest@127.0.0.1:9/",
        "--Identity:Tokens:Issuer=https://identity.example/",
        "--Logging:LogLevel:Default=None",
        $"--Identity:PersonalData:MasterKey={IdentityHost.MasterKey}",
        $"--Identity:PersonalData:NationalIdKey={IdentityHost.NationalIdKey}",
    ];

    /// <summary>The keys of appsettings.Development.json, labelled by their bytes ("dev-only…").</summary>
    private const string DevelopmentMasterKey = "ZGV2LW9ubHkta2V5LWlkZW50aXR5LW1hc3Rlci0zMiE=";
    private const string DevelopmentNationalIdKey = "ZGV2LW9ubHkta2V5LWlkZW50aXR5LW5hdGlkLTMyYiE=";

    [Fact]
    public async Task Outside_Development_a_missing_signing_key_stops_the_start()
    {
        var failure = await StartFailsAsync("--environment=Production");

        Assert.Contains("Identity:Tokens:SigningKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signing_key_that_is_no_private_key_stops_the_start()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var failure = await StartFailsAsync("--environment=Production", $"--Identity:Tokens:SigningKey={Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())}");

        Assert.Contains("Identity:Tokens:SigningKey: not a usable private key", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_seeding_outside_Development_stops_the_start()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var failure = await StartFailsAsync("--environment=Production",
            $"--Identity:Tokens:SigningKey={Convert.ToBase64String(key.ExportPkcs8PrivateKey())}",
            "--Identity:DevSeed:CredentialsFile=/tmp/never-written.json");

        Assert.Contains("Identity:DevSeed:CredentialsFile", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MasterKey", "")]
    [InlineData("MasterKey", DevelopmentMasterKey)]
    [InlineData("MasterKey", "c2hvcnQ=")]
    [InlineData("NationalIdKey", "")]
    [InlineData("NationalIdKey", DevelopmentNationalIdKey)]
    [InlineData("NationalIdKey", "not base64 at all")]
    public async Task Outside_Development_a_missing_malformed_or_development_personal_data_key_stops_the_start(string setting, string value)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var failure = await StartFailsAsync("--environment=Production",
            $"--Identity:Tokens:SigningKey={Convert.ToBase64String(key.ExportPkcs8PrivateKey())}",
            $"--Identity:PersonalData:{setting}={value}");

        Assert.Contains($"Identity:PersonalData:{setting}", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<OptionsValidationException> StartFailsAsync(params string[] settings)
    {
        await using var app = IdentityApp.Create([.. Base, .. settings]);
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));
    }
}
