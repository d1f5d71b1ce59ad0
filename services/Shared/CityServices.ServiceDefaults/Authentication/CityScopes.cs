namespace CityServices.ServiceDefaults;

/// <summary>
/// The OAuth scopes of the platform (docs/architecture.md, "Public API shape"). A department is named by its service's
/// scope, so a department client and the department's staff ask for the same scope.
/// </summary>
public static class CityScopes
{
    /// <summary>The civil registry: citizens, cards, staff (the identity service).</summary>
    public const string Identity = "identity";
    public const string HealthRecords = "health-records";
    public const string Trade = "trade";
    public const string Voting = "voting";
    public const string Sharing = "sharing";

    /// <summary>External auditors: every service's audit export.</summary>
    public const string Audit = "audit";

    /// <summary>A person's own data, with a citizen-card token.</summary>
    public const string Citizen = "citizen";

    /// <summary>The departments, each named by its scope.</summary>
    public static IReadOnlyList<string> Departments { get; } = [Identity, HealthRecords, Trade, Voting, Sharing];
}
