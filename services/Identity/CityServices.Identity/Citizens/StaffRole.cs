using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens;

/// <summary>A role a citizen holds in a department, at an organisation or for the department as a whole (null).</summary>
public sealed record StaffRole(string Department, string Role, string? Organisation, DateTimeOffset GrantedAt)
{
    public bool Is(string department, string role, string? organisation) =>
        Department == department && Role == role && Organisation == organisation;

    /// <summary>A role as messages name it: <c>doctor in health at city-hospital</c>.</summary>
    public static string Describe(string department, string role, string? organisation) =>
        organisation is null ? $"{role} in {department}" : $"{role} in {department} at {organisation}";
}

/// <summary>Roles and organisations are lowercase words joined by hyphens: <c>doctor</c>, <c>city-hospital</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed partial class StaffNameAttribute() : ValidationAttribute(
    "The field {0} must be lowercase letters and digits, words joined by hyphens, at most 64 characters, e.g. city-hospital.")
{
    public override bool IsValid(object? value) => value is null || value is string text && IsValidName(text);

    public static bool IsValidName(string text) => text.Length <= 64 && Shape().IsMatch(text);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Shape();
}

public static class GrantingDepartment
{
    /// <summary>
    /// The department a staff change speaks for: the token's <c>department</c> claim, from a
    /// department system's client-credentials token that also holds that department's scope.
    /// A person's token (even a staff member's) does not grant roles.
    /// </summary>
    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var department = user.TokenDepartment();
        if (department is null || !CityScopes.Departments.Contains(department, StringComparer.Ordinal) || !user.HasScope(department))
        {
            throw new ForbiddenException("Staff roles are granted and withdrawn by a department's client: the token needs a department claim and that department's scope.");
        }

        if (user.SignedInCardId() is not null)
        {
            throw new ForbiddenException("Staff roles are granted and withdrawn by a department's client, not with a person's card token.");
        }

        return department;
    }
}
