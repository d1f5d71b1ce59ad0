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

    /// <summary>
    /// Believe the client address and scheme a proxy in front sends in <c>X-Forwarded-*</c>
    /// (default <see langword="true"/>: services sit behind the gateway). The gateway is the edge
    /// and turns it off, so a caller cannot forge its address; behind an ingress it is trusted via
    /// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> instead.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; } = true;
}
