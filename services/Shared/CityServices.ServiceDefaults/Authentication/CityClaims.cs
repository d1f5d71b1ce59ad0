using System.Security.Claims;

namespace CityServices.ServiceDefaults;

/// <summary>
/// The claims in the access tokens the identity service issues (docs/identity.md): what every
/// service may rely on, and nothing more.
/// </summary>
/// <remarks>
/// A department system's token (<c>client_credentials</c>): <c>sub</c> and <c>client_id</c> are the
/// client id, <c>department</c> its department (when it is one), <c>scope</c> what it was granted.
/// A person's token (the citizen-card grant): <c>sub</c> is the citizen id, <c>card_id</c> the card
/// that signed in, <c>scope</c> holds <c>citizen</c>; when the person asked for their department's
/// scope and holds staff roles there, <c>department</c>, one <c>role</c> claim per role and one
/// <c>organisation</c> claim per organisation the roles are held in.
/// </remarks>
public static class CityClaims
{
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Department = "department";
    public const string Role = "role";
    public const string Organisation = "organisation";
    public const string CardId = "card_id";

    /// <summary>Who is making a change, as its event records it: the token's subject (a client id,
    /// or a citizen id). Only called behind authorization, where a token always has one.</summary>
    public static string Actor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(Subject)?.Value
            ?? throw new InvalidOperationException("An authorised request carries a token with a subject.");
    }

    /// <summary>The citizen who signed in with a card, or null for a department system's token.</summary>
    public static Guid? CitizenId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(CardId) is not null && Guid.TryParse(user.FindFirst(Subject)?.Value, out var id) ? id : null;
    }

    /// <summary>The card a person signed in with, or null for a department system's token.</summary>
    public static Guid? SignedInCardId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirst(CardId)?.Value, out var id) ? id : null;
    }

    /// <summary>The department the token speaks for (a department client, or staff signed in for it).</summary>
    public static string? TokenDepartment(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(Department)?.Value;
    }

    /// <summary>Whether the token holds <paramref name="role"/> in <paramref name="department"/>.</summary>
    public static bool HasStaffRole(this ClaimsPrincipal user, string department, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return string.Equals(user.TokenDepartment(), department, StringComparison.Ordinal)
            && user.FindAll(Role).Any(claim => string.Equals(claim.Value, role, StringComparison.Ordinal));
    }

    /// <summary>The organisations the token's staff roles are held in.</summary>
    public static IReadOnlyList<string> Organisations(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.FindAll(Organisation).Select(claim => claim.Value)];
    }
}
