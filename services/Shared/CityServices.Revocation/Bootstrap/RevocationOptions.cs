using CityServices.ServiceDefaults;

namespace CityServices.Revocation.Bootstrap;

/// <summary>Where the revocation list is read from (section <c>Revocation</c>).</summary>
public sealed class RevocationOptions
{
    public const string Section = "Revocation";

    /// <summary>
    /// Identity's own address inside the deployment, e.g. <c>http://city-identity:8080/</c>. Unset, the
    /// token issuer (<c>Authentication:Authority</c>) is used, which is identity itself when run locally;
    /// behind a gateway the issuer is the public URL, which does not route the list, so deployments set it.
    /// </summary>
    [AbsoluteUri]
    public Uri? Source { get; set; }
}
