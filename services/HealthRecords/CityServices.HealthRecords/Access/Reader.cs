using System.Security.Claims;
using CityServices.HealthRecords.Records;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Access;

/// <summary>
/// The person behind a request, as the access log records them: always a citizen signed in with a
/// card (a department system's token names no person and reads nothing), with the role they act in.
/// </summary>
public sealed record Reader(Guid CitizenId, Guid CardId, string Role, IReadOnlyList<string> Organisations)
{
    /// <summary>A person acting for themselves (a patient), from a citizen-card token.</summary>
    /// <exception cref="ForbiddenException">The token names no person signed in with a card.</exception>
    public static Reader Patient(ClaimsPrincipal user) =>
        Person(user, HealthRoles.Patient, []);

    /// <summary>
    /// A staff member of the health-records department signed in with their card, acting in the
    /// first of <paramref name="roles"/> they hold (list them from the most to the least capable).
    /// </summary>
    /// <exception cref="ForbiddenException">No person, or none of the roles in the department.</exception>
    public static Reader Staff(ClaimsPrincipal user, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = roles.FirstOrDefault(r => user.HasStaffRole(HealthRoles.Department, r))
            ?? throw new ForbiddenException(
                $"This needs a staff member of the {HealthRoles.Department} department with the role {string.Join(" or ", roles)}.");
        return Person(user, role, user.Organisations());
    }

    private static Reader Person(ClaimsPrincipal user, string role, IReadOnlyList<string> organisations)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.CitizenId() is { } citizen && user.SignedInCardId() is { } card
            ? new Reader(citizen, card, role, organisations)
            : throw new ForbiddenException(
                "Health records are read and written only by a person signed in with their citizen card; a department system's token names no one to record.");
    }
}
