using System.ComponentModel.DataAnnotations;

namespace CityServices.ServiceDefaults;

/// <summary>
/// The value, when present, is an absolute http or https URI. Configuration binds
/// <c>"not a uri"</c> to a relative <see cref="Uri"/> without complaint, so the check must be explicit.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class AbsoluteUriAttribute() : ValidationAttribute("The field {0} must be an absolute http or https URI.")
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value switch
    {
        null => true,
        Uri uri => IsHttp(uri),
        string text => Uri.TryCreate(text, UriKind.Absolute, out var parsed) && IsHttp(parsed),
        _ => false,
    };

    private static bool IsHttp(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
