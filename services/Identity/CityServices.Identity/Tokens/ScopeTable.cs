using CityServices.ServiceDefaults;

namespace CityServices.Identity.Tokens;

/// <summary>The scopes a token request is granted, or why it is refused (an OAuth <c>invalid_scope</c>).</summary>
public sealed record ScopeDecision(IReadOnlyList<string> Granted, string? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static ScopeDecision Grant(IReadOnlyList<string> scopes) => new(scopes, null);

    public static ScopeDecision Refuse(string refusal) => new([], refusal);
}

/// <summary>
/// What each client may ask the token server for, in one place. A confidential client (a
/// department system, an auditor) may ask for the scopes configuration gives it, drawn from
/// <see cref="ClientGrantable"/>; asking for none gets them all. A card sign-in (the public client
/// <c>city-citizen</c>) always gets <c>citizen</c>, and with it at most one department's scope,
/// only where the card's holder holds a staff role. Anything else is refused as a whole, never
/// trimmed to what is allowed: a caller must know the token it holds. OpenIddict's registered
/// scopes and client permissions are written from this table (TokenServerRegistration, ClientRegistry).
/// </summary>
public static class ScopeTable
{
    /// <summary>Every scope the token server knows.</summary>
    public static IReadOnlyList<string> All { get; } = [.. CityScopes.Departments, CityScopes.Audit, CityScopes.Citizen];

    /// <summary>What configuration may give a confidential client.</summary>
    public static IReadOnlyList<string> ClientGrantable { get; } = [.. CityScopes.Departments, CityScopes.Audit];

    /// <summary>What a card sign-in may ask for, before the holder's staff roles are known.</summary>
    public static IReadOnlyList<string> CardGrantable { get; } = [CityScopes.Citizen, .. CityScopes.Departments];

    /// <summary>A confidential client's request against the scopes it was configured with.</summary>
    public static ScopeDecision ForClient(string? scope, IReadOnlyCollection<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (Parse(scope, out var requested) is { } malformed)
        {
            return ScopeDecision.Refuse(malformed);
        }

        if (requested.Count == 0)
        {
            return ScopeDecision.Grant([.. configured]);
        }

        return requested.FirstOrDefault(asked => !configured.Contains(asked)) is { } other
            ? ScopeDecision.Refuse($"The client may not ask for '{other}'; it may ask for: {string.Join(' ', configured)}.")
            : ScopeDecision.Grant(requested);
    }

    /// <summary>A card sign-in's request, given the departments where the card's holder holds a staff role.</summary>
    public static ScopeDecision ForCard(string? scope, IEnumerable<string> staffDepartments)
    {
        ArgumentNullException.ThrowIfNull(staffDepartments);
        if (Parse(scope, out var requested) is { } malformed)
        {
            return ScopeDecision.Refuse(malformed);
        }

        if (requested.FirstOrDefault(asked => !CardGrantable.Contains(asked, StringComparer.Ordinal)) is { } other)
        {
            return ScopeDecision.Refuse($"A card sign-in may not ask for '{other}'; it asks for citizen and, for staff, their department's scope.");
        }

        var departments = requested.Where(asked => asked != CityScopes.Citizen).ToList();
        if (departments.Count > 1)
        {
            return ScopeDecision.Refuse($"A card token speaks for at most one department; asked for: {string.Join(' ', departments)}.");
        }

        if (departments.Count == 1 && !staffDepartments.Contains(departments[0], StringComparer.Ordinal))
        {
            return ScopeDecision.Refuse($"The card's holder holds no staff role in {departments[0]}.");
        }

        return ScopeDecision.Grant([CityScopes.Citizen, .. departments]);
    }

    /// <summary>
    /// The space-separated scope names (RFC 6749 §3.3), or why they are malformed. A name given twice
    /// is refused, as a JSON key given twice is: the request is not what the caller thinks it is.
    /// </summary>
    private static string? Parse(string? scope, out List<string> requested)
    {
        requested = [.. (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        if (requested.Any(name => !name.All(IsScopeCharacter)))
        {
            // The name itself is not echoed: error_description allows printable ASCII only.
            return "A scope name holds a character outside the scope syntax of RFC 6749 section 3.3; scopes are separated by single spaces.";
        }

        return requested.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice
            ? $"The scope '{twice.Key}' is asked for more than once."
            : null;
    }

    // NQCHAR of RFC 6749 Appendix A: printable ASCII but space, '"' and '\'.
    private static bool IsScopeCharacter(char c) => c is >= '!' and <= '~' and not '"' and not '\\';
}
