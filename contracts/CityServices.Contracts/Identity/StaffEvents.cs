namespace CityServices.Contracts.Identity;

// Staff are citizens with roles in a department, granted and withdrawn by that department.
// A department is named by its service scope: identity, health-records, trade, voting, sharing
// (CityServices.ServiceDefaults.CityScopes). Roles are lowercase words: doctor, nurse, clerk,
// registrar, election-official. The same department and role may be held once per organisation.

/// <summary>A department granted a citizen a staff role.</summary>
/// <remarks><c>Organisation</c>: Where the role is held, e.g. a hospital (<c>city-hospital</c>); null for the department as a whole.
/// <c>GrantedBy</c>: The department client that granted it.</remarks>
public sealed record StaffRoleGranted(
    Guid CitizenId, string Department, string Role, string? Organisation, string GrantedBy, DateTimeOffset GrantedAt);

/// <summary>A department withdrew a staff role.</summary>
public sealed record StaffRoleWithdrawn(
    Guid CitizenId, string Department, string Role, string? Organisation, string WithdrawnBy, DateTimeOffset WithdrawnAt);
