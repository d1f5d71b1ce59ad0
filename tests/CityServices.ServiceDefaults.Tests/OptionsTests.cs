using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CityServices.ServiceDefaults.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("not a uri", "Authentication:Authority")]
    [InlineData("ftp://identity.example/", "Authentication:Authority")]
    [InlineData(null, "Authentication:Authority")]
    public async Task A_bad_authority_stops_the_service_at_start_naming_the_setting(string? authority, string setting)
    {
        var settings = TestService.BaseSettings();
        settings["Authentication:Authority"] = authority;

        var failure = await StartFailureAsync(settings);

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_metadata_may_be_turned_off_only_in_development()
    {
        var settings = TestService.BaseSettings();
        settings["Authentication:RequireHttpsMetadata"] = "false";

        var failure = await StartFailureAsync(settings, "Production");

        Assert.Contains("Authentication:RequireHttpsMetadata", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:31")]
    [InlineData("00:05:00")]
    [InlineData("-00:00:01")]
    public async Task A_clock_skew_outside_0_to_30_seconds_stops_the_service_at_start(string skew)
    {
        var settings = TestService.BaseSettings();
        settings["Authentication:ClockSkew"] = skew;

        var failure = await StartFailureAsync(settings);

        Assert.Contains("Authentication:ClockSkew", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_authority_needs_https_metadata_turned_off()
    {
        var settings = TestService.BaseSettings();
        settings["Authentication:Authority"] = "http://identity.example/";

        var failure = await StartFailureAsync(settings, "Development");

        Assert.Contains("Authentication:Authority", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_is_its_own_issuer_needs_no_authentication_settings()
    {
        var settings = TestService.BaseSettings();
        settings.Remove("Authentication:Authority");

        await using var service = await TestService.StartAsync(settings, defaults: options => options.UseJwtBearerAuthentication = false);

        Assert.True((await service.Client.GetAsync("/health/live", Ct)).IsSuccessStatusCode);
    }

    [Theory]
    [InlineData("Sample:CheckpointInterval", "00:00:00", "Sample:CheckpointInterval")]
    [InlineData("Sample:Confirmations", "0", "Sample:Confirmations")]
    [InlineData("Sample:Chain:RpcUrl", "not a uri", "Sample:Chain:RpcUrl")]
    [InlineData("Sample:Chain:RpcUrl", null, "Sample:Chain:RpcUrl")]
    public async Task A_service_setting_out_of_range_stops_the_service_at_start_naming_it(string key, string? value, string setting)
    {
        var settings = SampleServiceSettings();
        settings[key] = value;

        var failure = await StartFailureAsync(settings, register: SampleServiceOptions.Register);

        Assert.Contains($"{setting}:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_that_does_not_parse_stops_the_service_at_start_naming_it()
    {
        var settings = SampleServiceSettings();
        settings["Sample:CheckpointInterval"] = "every minute";

        var failure = await StartFailureAsync(settings, register: SampleServiceOptions.Register);

        Assert.Contains("Sample:CheckpointInterval", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_settings_are_bound()
    {
        await using var service = await TestService.StartAsync(SampleServiceSettings(), register: SampleServiceOptions.Register);

        var sample = service.Services.GetRequiredService<IOptions<SampleServiceOptions>>().Value;

        Assert.Equal((TimeSpan.FromMinutes(1), 2, new Uri("http://127.0.0.1:58545")), (sample.CheckpointInterval, sample.Confirmations, sample.Chain.RpcUrl));
    }

    private static Dictionary<string, string?> SampleServiceSettings()
    {
        var settings = TestService.BaseSettings();
        settings["Sample:CheckpointInterval"] = "00:01:00";
        settings["Sample:Confirmations"] = "2";
        settings["Sample:Chain:RpcUrl"] = "http://127.0.0.1:58545";
        return settings;
    }

    private static async Task<Exception> StartFailureAsync(
        Dictionary<string, string?> settings,
        string environment = "Production",
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? register = null)
    {
        await using var app = TestService.Build(settings, environment, register);
        return await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Ct));
    }
}

/// <summary>
/// A stand-in service's settings, to test the building block (<c>AddValidatedOptions</c>: nested
/// objects, ranges, URIs, values that do not parse) apart from any service. Each service's real
/// options classes are tested in its own project, with its shipped defaults: the ledger's in
/// Ledger.Tests (<c>AnchoringOptionsTests</c>, <c>ShippedConfirmationsTests</c>).
/// </summary>
public sealed class SampleServiceOptions
{
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; }

    [Range(1, 64)]
    public int Confirmations { get; set; }

    [Required]
    [ValidateObjectMembers]
    public SampleChainOptions Chain { get; set; } = new();

    public static void Register(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.AddValidatedOptions<SampleServiceOptions>("Sample");
}

public sealed class SampleChainOptions
{
    [Required]
    [AbsoluteUri]
    public Uri? RpcUrl { get; set; }
}
