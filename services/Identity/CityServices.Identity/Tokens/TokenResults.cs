using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CityServices.Identity.Tokens;

/// <summary>What the token endpoint answers, through OpenIddict: a signed-in principal, or an OAuth error.</summary>
public static class TokenResults
{
    /// <summary>Issues an access token carrying every claim of <paramref name="identity"/>, for <paramref name="lifetime"/>.</summary>
    public static IResult Issue(ClaimsIdentity identity, IEnumerable<string> scopes, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(identity);
        identity.SetScopes(scopes);
        // Only access tokens are issued, and every claim here is meant for the resource servers.
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetAccessTokenLifetime(lifetime);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>An OAuth error response (RFC 6749 §5.2), e.g. <c>invalid_grant</c> with status 400.</summary>
    public static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    public static ClaimsIdentity NewIdentity() =>
        new(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
}
