using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Net.Http.Json;
using CityServices.Contracts.Identity;
using CityServices.HealthRecords;
using CityServices.Identity;
using CityServices.Ledger;
using Npgsql;

namespace CityServices.Security.Tests;

/// <summary>
/// The generated hostile-input walk over every route of every service (issue 12): each service on
/// real infrastructure, each of its OpenAPI operations sent hostile values one field at a time, with
/// a token holding every scope, so authorization passes and validation is what answers.
/// </summary>
public sealed class HostileInputWalkTests(CityInfrastructure infrastructure)
{
    /// <summary>A confidential client of the identity under test with every scope a client can hold.</summary>
    private const string Walker = "hostile-input-walker";
    private const string WalkerSecret = "hostile-input-walker-secret-0123456789";
    private static readonly string[] ClientScopes = ["identity", "health-records", "trade", "voting", "sharing", "audit"];

    [Fact]
    public async Task Every_identity_route_refuses_hostile_input_without_a_5xx_or_a_stored_event()
    {
        var issuer = new Uri($"http://127.0.0.1:{Loopback.FreePort()}/");
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var identity = await ServiceHost.StartAsync(infrastructure, IdentityApp.Create, "walk-identity", new ServiceHostOptions
        {
            Url = issuer,
            Settings =
            [
                $"--Identity:Tokens:Issuer={issuer}",
                $"--Identity:Tokens:SigningKey={Convert.ToBase64String(signingKey.ExportPkcs8PrivateKey())}",
                $"--Identity:PersonalData:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                $"--Identity:PersonalData:NationalIdKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                $"--Identity:Clients:{Walker}:Secret={WalkerSecret}",
                $"--Identity:Clients:{Walker}:Department=identity",
                .. ClientScopes.Select((scope, i) => $"--Identity:Clients:{Walker}:Scopes:{i.ToString(CultureInfo.InvariantCulture)}={scope}"),
            ],
        });
        using var client = identity.WithToken(await CitizenCardClient.ClientTokenAsync(identity.Http, Walker, WalkerSecret, ct: Ct));
        // Each operation gets a citizen and a card of its own, so one that records a death or revokes
        // a card leaves the next operation's valid request valid.
        var citizens = new Queue<Guid>();
        var cards = new Queue<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var citizenId = await IdOfAsync(await client.PostAsJsonAsync("/api/identity/citizens", RegisterCitizen(), Ct));
            citizens.Enqueue(citizenId);
            cards.Enqueue(await IdOfAsync(await client.PostAsJsonAsync($"/api/identity/citizens/{citizenId}/cards", new { publicKey = PublicKey() }, Ct)));
        }

        await WalkAsync(client, identity.Postgres, new Dictionary<string, Func<JsonNode>>
        {
            ["id"] = () => citizens.Dequeue().ToString(),
            ["cardId"] = () => cards.Dequeue().ToString(),
            ["nationalId"] = () => NewNationalId(),
            ["district"] = () => "da-an",
            ["publicKey"] = () => PublicKey(),
            ["role"] = () => "clerk",
        });
    }

    [Fact]
    public async Task Every_health_records_route_refuses_hostile_input_without_a_5xx_or_a_stored_event()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var healthRecords = await ServiceHost.StartAsync(infrastructure, HealthRecordsApp.Create, "walk-health-records", new ServiceHostOptions
        {
            Authority = new Uri(issuer.Issuer),
            Settings =
            [
                $"--HealthRecords:Encryption:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                $"--Ledger:BaseUrl={Loopback.NothingListens()}",
            ],
        });
        // A doctor of the health department who is also a citizen with a record, and an auditor: every route's scope and claims.
        var citizenId = Guid.NewGuid();
        await using (var identity = await MessageProbe.StartAsync(infrastructure, healthRecords.Prefix))
        {
            await identity.Bus.Publish(new CitizenRegistered(citizenId, "Mari", "Tamm", new DateOnly(1980, 5, 17), "kesklinn", DateTimeOffset.UtcNow), Ct);
            await Eventually.UntilAsync(() => StoredEventsAsync(healthRecords.Postgres), count => count > 0, "the citizen's record to open");
        }

        using var client = healthRecords.WithToken(issuer.CreateToken("citizen health-records audit", citizenId.ToString(),
        [
            new Claim("card_id", Guid.NewGuid().ToString()),
            new Claim("client_id", "city-citizen"),
            new Claim("department", "health-records"),
            new Claim("role", "doctor"),
            new Claim("organisation", "city-hospital"),
        ]));

        await WalkAsync(client, healthRecords.Postgres, new Dictionary<string, Func<JsonNode>>
        {
            ["citizenId"] = () => citizenId.ToString(),
            ["purpose"] = () => "emergency",
            ["reason"] = () => "unconscious in the emergency room",
        });
    }

    [Fact]
    public async Task Every_ledger_route_refuses_hostile_input_without_a_5xx_or_a_stored_leaf()
    {
        // The walk sends hundreds of requests a second from one address: under the shipped limit (50/s)
        // most would be refused with 429 before their input is read, and the walk would test nothing.
        await using var ledger = await LedgerHost.StartAsync(infrastructure, LedgerApp.Create, "walk-ledger", settings: ["--Ledger:RateLimit:PermitLimit=100000"]);

        await WalkAsync(ledger.Http, ledger.Postgres, new Dictionary<string, Func<JsonNode>> { ["service"] = () => "identity" });
    }

    private static async Task WalkAsync(HttpClient client, string postgres, Dictionary<string, Func<JsonNode>> known)
    {
        var report = await HostileInputWalk.RunAsync(client, known, () => StoredEventsAsync(postgres), Ct);

        Assert.True(report.Requests > report.Operations, $"Only {report.Requests} requests for {report.Operations} operations: the document was not walked.");
        Assert.True(report.Failures.Count == 0, string.Join('\n', report.Summary) + "\n" +
            $"{report.Failures.Count} of {report.Requests} hostile requests were answered wrongly:\n{string.Join('\n', report.Failures.Take(60))}");
    }

    /// <summary>Rows in every event store of the service's database: Marten's mt_events, the ledger's leaves.</summary>
    private static async Task<long> StoredEventsAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var find = new NpgsqlCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables where table_name in ('mt_events', 'leaves')", connection))
        await using (var reader = await find.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        long total = 0;
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table}", connection);
            total += (long)(await count.ExecuteScalarAsync(Ct))!;
        }

        return total;
    }

    private static object RegisterCitizen() =>
        new { nationalId = NewNationalId(), givenName = "Mei", familyName = "Lin", birthDate = "1990-04-12", district = "da-an" };

    private static string NewNationalId() => "T" + RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>A fresh card key's public half as a JWK, as identity takes it.</summary>
    private static JsonObject PublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = System.Buffers.Text.Base64Url.EncodeToString(point.X),
            ["y"] = System.Buffers.Text.Base64Url.EncodeToString(point.Y),
        };
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return (await Expect.JsonAsync(HttpStatusCode.Created, response)).GetProperty("id").GetGuid();
        }
    }
}
