namespace CityServices.ServiceDefaults;

/// <summary>
/// What a service is, declared once beside its registration: its alias (leaf records' <c>service</c>,
/// telemetry's service name, the route prefix <c>/api/{alias}</c>), the scope its staff routes
/// need and the name people read (the OpenAPI title). Everything else derives from it.
/// </summary>
public sealed record CityService(string Alias, string Scope, string DisplayName)
{
    /// <summary>
    /// A service without staff routes, such as the ledger (its reads are public, its leaves arrive
    /// over the broker): its <see cref="Scope"/> is empty, which <c>RequireScope</c> refuses at startup.
    /// </summary>
    public CityService(string alias, string displayName)
        : this(alias, string.Empty, displayName)
    {
    }

    /// <summary>Every route of the service sits under this prefix, e.g. <c>/api/health-records</c>.</summary>
    public string RoutePrefix => $"/api/{Alias}";

    /// <summary>An absolute path under the service's prefix, e.g. for a <c>Location</c> header.</summary>
    public string PathTo(string relative) => $"{RoutePrefix}/{relative.TrimStart('/')}";
}
