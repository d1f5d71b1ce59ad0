using System.ComponentModel.DataAnnotations;

namespace CityServices.ServiceDefaults;

/// <summary>How a service validates the bearer tokens the identity service issues (section <c>Authentication</c>).</summary>
public sealed class ServiceAuthenticationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Authentication";

    /// <summary>
    /// The token issuer, e.g. <c>http://localhost:5101/</c>: its discovery document and signing keys
    /// (JWKS) are fetched from here, so no secret is shared with services.
    /// </summary>
    [Required]
    [AbsoluteUri]
    public Uri? Authority { get; set; }

    /// <summary>The audience a token must name; unset, any audience is accepted and scopes alone decide.</summary>
    public string? Audience { get; set; }

    /// <summary>Whether discovery must use HTTPS. May be <see langword="false"/> only in Development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
