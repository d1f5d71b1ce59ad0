using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CityServices.HealthRecords.Encryption;

/// <summary>The master key that wraps every patient's data key (section <c>HealthRecords:Encryption</c>).</summary>
public sealed class EncryptionOptions
{
    public const string Section = "HealthRecords:Encryption";

    /// <summary>Base64 of 32 random bytes. From a secret store in production; never in the event store.</summary>
    [Required(ErrorMessage = "the master key is required: base64 of 32 random bytes (e.g. `openssl rand -base64 32`).")]
    [Base64Key(Encryption.MasterKey.Length)]
    public string? MasterKey { get; set; }
}

/// <summary>The value is base64 of exactly the given number of bytes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class Base64KeyAttribute(int length)
    : ValidationAttribute($"the master key must be base64 of exactly {length} bytes.")
{
    public override bool IsValid(object? value)
    {
        if (value is not string text)
        {
            return value is null;
        }

        var bytes = new byte[length + 3];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written == length;
    }
}

/// <summary>
/// Refuses the published development key outside Development: a deployment that forgot its
/// secret must fail at start, not encrypt patients' records with a key anyone can read in git.
/// </summary>
internal sealed class NoDevelopmentKeyOutsideDevelopment(IHostEnvironment environment) : IValidateOptions<EncryptionOptions>
{
    /// <summary>The key in appsettings.Development.json: public, worthless, for a developer's machine only.</summary>
    public const string DevelopmentKey = "ZGV2LW9ubHkta2V5LWhlYWx0aC1yZWNvcmRzLTMyYiE=";

    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !environment.IsDevelopment() && string.Equals(options.MasterKey?.Trim(), DevelopmentKey, StringComparison.Ordinal)
            ? ValidateOptionsResult.Fail(
                $"{EncryptionOptions.Section}:MasterKey: the development key from appsettings.Development.json is refused in {environment.EnvironmentName}; set a secret key.")
            : ValidateOptionsResult.Success;
    }
}
