using Microsoft.AspNetCore.Authorization;

namespace CityServices.ServiceDefaults;

/// <summary>
/// The caller's token grants at least one of <see cref="Scopes"/>. Handles itself, and names the
/// scopes when authorization logs why it failed.
/// </summary>
public sealed class ScopeRequirement : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    /// <summary>Creates a requirement satisfied by any one of <paramref name="scopes"/>.</summary>
    public ScopeRequirement(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = [.. scopes];
        if (Scopes.Count == 0 || Scopes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one non-empty scope is required.", nameof(scopes));
        }
    }

    /// <summary>The accepted scopes; one is enough.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (requirement.Scopes.Any(context.User.HasScope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"{nameof(ScopeRequirement)}: one of scopes [{string.Join(", ", Scopes)}]";
}
