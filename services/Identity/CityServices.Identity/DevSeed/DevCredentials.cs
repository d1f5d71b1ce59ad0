using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityServices.Identity.DevSeed;

/// <summary>
/// The dev credentials file (docs/identity.md): what a developer, the demo and the end-to-end test
/// need to call the platform as a department, an auditor, a citizen and a doctor. Dev-only secrets.
/// </summary>
public sealed record DevCredentials(
    string Issuer,
    string TokenEndpoint,
    string ChallengeEndpoint,
    string CardGrantType,
    IReadOnlyList<DevClient> Clients,
    DevPerson Citizen,
    DevPerson Doctor)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>A client: a department system or auditor (with a secret), or the public card sign-in client (without).</summary>
public sealed record DevClient(string ClientId, string? ClientSecret, string Scope, string? Department, bool Public);

/// <summary>A dev citizen with a card whose private key (PKCS#8 PEM) is here, and their staff roles.</summary>
public sealed record DevPerson(
    string Name,
    Guid CitizenId,
    Guid CardId,
    string NationalId,
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    string District,
    string PrivateKeyPem,
    IReadOnlyList<DevStaffRole> StaffRoles);

public sealed record DevStaffRole(string Department, string Role, string? Organisation);
