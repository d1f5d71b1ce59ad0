using Microsoft.Extensions.Options;

namespace CityServices.Identity.DevSeed;

/// <summary>Development seeding for <c>./city up</c> (section <c>Identity:DevSeed</c>).</summary>
public sealed class DevSeedOptions
{
    public const string Section = "Identity:DevSeed";

    /// <summary>
    /// Where to write the dev credentials file (client secrets, dev citizens' card keys). Unset, nothing
    /// is seeded. Development only: the file holds private keys.
    /// </summary>
    public string? CredentialsFile { get; set; }
}

internal sealed class DevSeedOptionsValidator(IHostEnvironment environment) : IValidateOptions<DevSeedOptions>
{
    public ValidateOptionsResult Validate(string? name, DevSeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.CredentialsFile) || environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{DevSeedOptions.Section}:CredentialsFile: dev seeding writes private keys to a file and runs only in Development, not in {environment.EnvironmentName}.");
    }
}
