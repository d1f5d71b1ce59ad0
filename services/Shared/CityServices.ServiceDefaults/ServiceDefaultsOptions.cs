namespace CityServices.ServiceDefaults;

/// <summary>
/// Code-level switches for the few services whose shape differs from the rest. Deployment
/// settings live in configuration; these describe what the service <em>is</em>, so they live in code.
/// </summary>
public sealed class ServiceDefaultsOptions
{
    /// <summary>
    /// Validate bearer tokens issued by <c>Authentication:Authority</c> (default <see langword="true"/>).
    /// The identity service is the issuer itself: it turns this off and registers OpenIddict's own
    /// validation, while keeping the same authentication/authorization middleware order.
    /// </summary>
    public bool UseJwtBearerAuthentication { get; set; } = true;
}
