using CityServices.Identity.DevSeed;

namespace CityServices.Identity.Tests;

public sealed class DevSeedTests(CityInfrastructure infrastructure) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("identity-dev-seed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_seeder_writes_an_owner_only_credentials_file_and_reuses_it_on_the_next_start()
    {
        var file = Path.Combine(_folder, "dev-credentials.json");
        var setting = $"--Identity:DevSeed:CredentialsFile={file}";

        // given a first start
        DevCredentials first;
        await using (var identity = await IdentityHost.StartAsync(infrastructure, "dev-seed", extraSettings: setting))
        {
            first = Read(file);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            Assert.Equal($"{identity.Issuer.AbsoluteUri}connect/token", first.TokenEndpoint);
            Assert.Contains(first.Clients, c => c is { ClientId: IdentityHost.Registrar, Department: "identity", Public: false });
            Assert.Contains(first.Clients, c => c is { ClientId: "city-citizen", ClientSecret: null, Public: true });
        }

        // when the service starts again with the file present (on an empty database, as after a reset)
        await using var again = await IdentityHost.StartAsync(infrastructure, "dev-seed-again", extraSettings: setting);
        var second = Read(file);

        // then it kept the same people and keys, and recreated them from the file
        Assert.Equal(JsonSerializer.Serialize(first.Citizen), JsonSerializer.Serialize(second.Citizen));
        Assert.Equal(JsonSerializer.Serialize(first.Doctor), JsonSerializer.Serialize(second.Doctor));
        using var doctorKey = ECDsa.Create();
        doctorKey.ImportFromPem(second.Doctor.PrivateKeyPem);
        var token = new JwtSecurityTokenHandler().ReadJwtToken(
            await again.Cards.SignInAsync(second.Doctor.CardId, doctorKey, "citizen health-records", Ct));
        Assert.Equal(second.Doctor.CitizenId.ToString(), token.Subject);
        Assert.Equal(("doctor", "city-hospital"),
            (token.Claims.Single(c => c.Type == "role").Value, token.Claims.Single(c => c.Type == "organisation").Value));
        // the registrar's dev secret in the file is the one the server accepts
        var registrar = second.Clients.Single(c => c.ClientId == IdentityHost.Registrar);
        Assert.NotEmpty(await CitizenCardClient.ClientTokenAsync(again.Http, registrar.ClientId, registrar.ClientSecret!, ct: Ct));
    }

    private static DevCredentials Read(string file) =>
        JsonSerializer.Deserialize<DevCredentials>(File.ReadAllText(file), DevCredentials.Json)!;
}
