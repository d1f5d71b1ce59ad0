using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace CityServices.ServiceDefaults;

/// <summary>Scope-based authorization over OAuth 2.0 access tokens.</summary>
public static class ScopeAuthorizationExtensions
{
    // OpenIddict and RFC 9068 issue one space-separated "scope" claim; some issuers use "scp",
    // as a list or as one string. Both are read, and each value is split.
    private static readonly string[] ScopeClaimTypes = ["scope", "scp"];

    /// <summary>Requires an authenticated caller whose token grants at least one of <paramref name="scopes"/>.
    /// Call it once per scope that is needed in addition.</summary>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder policy, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scopes));
    }

    /// <summary>Requires, on these endpoints, a token that grants at least one of <paramref name="scopes"/>:
    /// without a token the answer is 401, with a token lacking the scope 403.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoints, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var requirement = new ScopeRequirement(scopes);
        return endpoints.RequireAuthorization(policy => policy.RequireAuthenticatedUser().AddRequirements(requirement));
    }

    /// <summary>Whether the caller's token grants <paramref name="scope"/>.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Claims
            .Where(claim => ScopeClaimTypes.Contains(claim.Type, StringComparer.Ordinal))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
    }
}
