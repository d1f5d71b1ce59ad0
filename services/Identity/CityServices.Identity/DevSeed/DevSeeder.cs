using System.Security.Cryptography;
using System.Text.Json;
using CityServices.Identity.Citizens;
using CityServices.Identity.Tokens;
using CityServices.Identity.Tokens.CardSignIn;
using CityServices.Identity.Tokens.Clients;
using CityServices.PersonalData;
using CityServices.ServiceDefaults;
using Marten;
using Microsoft.Extensions.Options;

namespace CityServices.Identity.DevSeed;

/// <summary>
/// For <c>./city up</c>: ensures a dev citizen and a dev doctor exist, each with a card whose key
/// pair is generated here, and writes the credentials file (mode 0600) with them and the dev
/// clients' secrets from configuration. With the file present, its ids and keys are reused, and
/// anything missing from the database (a reset) is recreated from it.
/// </summary>
public sealed partial class DevSeeder(
    IOptions<DevSeedOptions> seedOptions,
    IOptions<ClientOptions> clientOptions,
    IOptions<TokenOptions> tokenOptions,
    IDocumentStore store,
    DataKeyStore keys,
    NationalIdIndex index,
    TimeProvider clock,
    ILogger<DevSeeder> logger) : IHostedService
{
    public const string Actor = "dev-seed";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (seedOptions.Value.CredentialsFile is not { Length: > 0 } file)
        {
            return;
        }

        var path = Path.GetFullPath(file);
        var existing = File.Exists(path) ? JsonSerializer.Deserialize<DevCredentials>(await File.ReadAllTextAsync(path, cancellationToken), DevCredentials.Json) : null;
        var citizen = existing?.Citizen ?? NewPerson("citizen", "Mei", "Lin", new DateOnly(1990, 4, 12), "da-an", []);
        var doctor = existing?.Doctor ?? NewPerson("doctor", "Wei", "Chen", new DateOnly(1978, 9, 3), "zhongzheng",
            [new DevStaffRole(CityScopes.HealthRecords, "doctor", "city-hospital")]);
        await EnsureRegisteredAsync(citizen, cancellationToken);
        await EnsureRegisteredAsync(doctor, cancellationToken);

        var issuer = tokenOptions.Value.Issuer!.AbsoluteUri;
        var credentials = new DevCredentials(issuer, issuer + "connect/token", issuer + "connect/challenge", CardGrant.GrantType,
        [
            .. clientOptions.Value.Clients.OrderBy(client => client.Key, StringComparer.Ordinal).Select(client =>
                new DevClient(client.Key, client.Value.Secret, string.Join(' ', client.Value.Scopes), client.Value.Department, Public: false)),
            new DevClient(CardGrant.PublicClientId, null, CityScopes.Citizen, null, Public: true),
        ], citizen, doctor);
        await WriteOwnerOnlyAsync(path, JsonSerializer.Serialize(credentials, DevCredentials.Json), cancellationToken);
        LogWritten(logger, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureRegisteredAsync(DevPerson person, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(person.CitizenId, ct) is not null)
        {
            return;
        }

        using var key = ECDsa.Create();
        key.ImportFromPem(person.PrivateKeyPem);
        var publicKey = CardPublicKey.Of(key);
        var now = clock.GetUtcNow();
        var details = new PersonalDetails(person.NationalId, person.GivenName, person.FamilyName, person.BirthDate);
        var dataKey = keys.CreateKey(session, person.CitizenId, now);
        session.Insert(new NationalIdClaim(index.Of(person.NationalId), person.CitizenId));
        session.Insert(new CardHolder(person.CardId, person.CitizenId));
        session.Events.StartStream<Citizen>(person.CitizenId,
        [
            new CitizenRegistered(person.CitizenId, details.Seal(dataKey, person.CitizenId), person.District, Actor, now),
            new CardIssued(person.CitizenId, person.CardId, publicKey, publicKey.Thumbprint(), null, Actor, now),
            .. person.StaffRoles.Select(role => new StaffRoleGranted(person.CitizenId, role.Department, role.Role, role.Organisation, Actor, now)),
        ]);
        await session.SaveChangesAsync(ct);
        LogSeeded(logger, person.Name, person.CitizenId);
    }

    private static DevPerson NewPerson(string name, string given, string family, DateOnly birth, string district, IReadOnlyList<DevStaffRole> roles)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // A fresh national id each time the file is created, so a re-created file never collides with the last one's.
        var nationalId = "DEV" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new DevPerson(name, Guid.CreateVersion7(), Guid.CreateVersion7(), nationalId, given, family, birth, district,
            key.ExportPkcs8PrivateKeyPem(), roles);
    }

    /// <summary>Written to a temporary file created 0600 and moved into place: never readable by others, never half-written.</summary>
    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(content.AsMemory(), ct);
        }

        if (!OperatingSystem.IsWindows())
        {
            // An existing temporary file keeps its old mode: set it explicitly.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dev seed: registered the dev {Name} as citizen {CitizenId}")]
    private static partial void LogSeeded(ILogger logger, string name, Guid citizenId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dev credentials (dev-only client secrets and card keys) written to {Path}")]
    private static partial void LogWritten(ILogger logger, string path);
}
