using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityServices.PersonalData;

/// <summary>
/// The keys in the services' appsettings.Development.json are public and labelled as such: their
/// bytes spell out "dev-only…". Outside Development such a key is refused, so a deployment that
/// forgot its secret fails at start instead of protecting people's data with a key anyone can read in git.
/// </summary>
public static class DevelopmentKeys
{
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("dev-only");

    public static bool IsDevelopmentKey(string? base64)
    {
        var bytes = new byte[64];
        return base64 is not null
            && Convert.TryFromBase64String(base64.Trim(), bytes, out var written)
            && bytes.AsSpan(0, written).StartsWith(Label);
    }
}

/// <summary>Refuses a development key for <see cref="PersonalDataOptions.MasterKey"/> outside Development.</summary>
internal sealed class NoDevelopmentKeyOutsideDevelopment(IHostEnvironment environment, string section) : IValidateOptions<PersonalDataOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !environment.IsDevelopment() && DevelopmentKeys.IsDevelopmentKey(options.MasterKey)
            ? ValidateOptionsResult.Fail(
                $"{section}:MasterKey: a development key from appsettings.Development.json is refused in {environment.EnvironmentName}; set a secret key.")
            : ValidateOptionsResult.Success;
    }
}
