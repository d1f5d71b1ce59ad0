using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using CityServices.PersonalData;
using Microsoft.Extensions.Options;

namespace CityServices.Identity.Citizens;

/// <summary>The secret key of the national-id index (section <c>Identity:PersonalData</c>).</summary>
public sealed class NationalIdIndexOptions
{
    /// <summary>
    /// Base64 of 32 random bytes, from a secret store and never in the database: without it the
    /// index cannot be searched. A plain hash of a national id would not do: a national id has a few
    /// billion possible values, so every one can be hashed and looked up in minutes.
    /// </summary>
    [Required(ErrorMessage = "the national-id index key is required: base64 of 32 random bytes (e.g. `openssl rand -base64 32`).")]
    [Base64Key(NationalIdIndex.KeyLength)]
    public string? NationalIdKey { get; set; }
}

/// <summary>
/// What the registry stores to keep national ids unique without storing them: HMAC-SHA256 of the
/// normalised id under a secret key (hex). Equal ids give equal index values; the value alone says
/// nothing about the id to whoever lacks the key.
/// </summary>
public sealed class NationalIdIndex(IOptions<NationalIdIndexOptions> options)
{
    public const int KeyLength = 32;

    private readonly byte[] _key = Convert.FromBase64String(options.Value.NationalIdKey!.Trim());

    public string Of(string nationalId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(NationalId.Normalise(nationalId))));
}

/// <summary>Refuses the development index key (its bytes spell "dev-only…") outside Development.</summary>
internal sealed class NoDevelopmentIndexKeyOutsideDevelopment(IHostEnvironment environment) : IValidateOptions<NationalIdIndexOptions>
{
    public ValidateOptionsResult Validate(string? name, NationalIdIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !environment.IsDevelopment() && DevelopmentKeys.IsDevelopmentKey(options.NationalIdKey)
            ? ValidateOptionsResult.Fail(
                $"{IdentityRegistration.PersonalDataSection}:NationalIdKey: a development key from appsettings.Development.json is refused in {environment.EnvironmentName}; set a secret key.")
            : ValidateOptionsResult.Success;
    }
}
