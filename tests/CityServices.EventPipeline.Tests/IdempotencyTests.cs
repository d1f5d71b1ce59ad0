using System.Net.Http.Json;
using System.Security.Claims;
using CityServices.EventPipeline.Commands.Idempotency;
using CityServices.ServiceDefaults.Problems;
using Npgsql;

namespace CityServices.EventPipeline.Tests;

/// <summary>Every 201 command takes an <c>Idempotency-Key</c> (docs/api-conventions.md): a retry is answered, never done twice.</summary>
public sealed class IdempotencyTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Permits = "/api/permits/permits";

    private PermitsServiceHost _service = null!;

    public async ValueTask InitializeAsync() =>
        _service = await PermitsServiceHost.StartAsync(infrastructure, await infrastructure.CreateDatabaseAsync("idempotency"),
            CityInfrastructure.NewPrefix("idempotency"));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_first_answer_and_appends_nothing()
    {
        // given a permit applied for under a key
        var key = NewKey();
        using var first = await ApplyAsync(key, new ApplyForPermit("Ada", "kiosk"));
        var firstBody = await Expect.JsonAsync(HttpStatusCode.Created, first);

        // when the client retries it, its JSON spaced differently
        using var retry = await SendAsync(key, """{ "kind": "kiosk",   "applicant": "Ada" }""");

        // then it gets the first answer again, marked as replayed, and no second permit exists
        var retryBody = await Expect.JsonAsync(HttpStatusCode.Created, retry);
        Assert.Equal(firstBody.GetRawText(), retryBody.GetRawText());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(["true"], retry.Headers.GetValues(RecordedAnswerHeader));
        Assert.False(first.Headers.Contains(RecordedAnswerHeader));
        Assert.Equal(1, await EventCountAsync());
        Assert.Equal(HttpStatusCode.OK, (await _service.Http.GetAsync(retry.Headers.Location, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422_and_appends_nothing()
    {
        var key = NewKey();
        (await ApplyAsync(key, new ApplyForPermit("Ada", "kiosk"))).EnsureSuccessStatusCode();

        using var other = await ApplyAsync(key, new ApplyForPermit("Ada", "market-stall"));

        await Expect.ProblemAsync(new Problem(422, Type: ProblemTypes.IdempotencyKeyReused), other);
        Assert.Equal(1, await EventCountAsync());
    }

    [Fact]
    public async Task Keys_belong_to_their_client_so_two_clients_never_share_an_answer()
    {
        var key = NewKey();

        using var ada = await ApplyAsync(key, new ApplyForPermit("Ada", "kiosk"), _service.Issuer.CreateToken("permits", "client-a", []));
        using var bob = await ApplyAsync(key, new ApplyForPermit("Ada", "kiosk"), _service.Issuer.CreateToken("permits", "client-b", []));

        await Expect.StatusAsync(HttpStatusCode.Created, ada);
        await Expect.StatusAsync(HttpStatusCode.Created, bob);
        Assert.NotEqual(ada.Headers.Location, bob.Headers.Location);
        Assert.False(bob.Headers.Contains(RecordedAnswerHeader));
        Assert.Equal(2, await EventCountAsync());
    }

    [Fact]
    public async Task A_duplicate_while_the_first_is_in_flight_gets_409_request_in_progress()
    {
        // given a request under the key that holds its lock (an open transaction, as the first request's would)
        var key = Guid.NewGuid().ToString();
        var (space, lockKey) = IdempotencyKey.LockOf(IdempotencyKey.StorageId(new ClaimsPrincipal(new ClaimsIdentity()), key));
        await using var connection = new NpgsqlConnection(_service.Postgres);
        await connection.OpenAsync(Ct);
        await using var inFlight = await connection.BeginTransactionAsync(Ct);
        await using (var take = new NpgsqlCommand($"select pg_advisory_xact_lock({space}, {lockKey})", connection, inFlight))
        {
            await take.ExecuteNonQueryAsync(Ct);
        }

        // when a duplicate arrives
        using var duplicate = await ApplyAsync(key, new ApplyForPermit("Ada", "kiosk"));

        // then it is told to retry later, at once, and nothing is appended
        await Expect.ProblemAsync(new Problem(409, Type: ProblemTypes.RequestInProgress), duplicate);
        await inFlight.RollbackAsync(Ct);
        Assert.Equal(0, await EventCountAsync());
        await Expect.StatusAsync(HttpStatusCode.Created, await ApplyAsync(key, new ApplyForPermit("Ada", "kiosk")));
    }

    [Fact]
    public async Task An_error_answer_is_not_kept_so_the_key_can_carry_the_corrected_request()
    {
        var key = NewKey();

        using var invalid = await ApplyAsync(key, new { applicant = "", kind = "kiosk" });
        using var corrected = await ApplyAsync(key, new ApplyForPermit("Ada", "kiosk"));

        await Expect.InvalidAsync(invalid, "Applicant");
        await Expect.StatusAsync(HttpStatusCode.Created, corrected);
        Assert.False(corrected.Headers.Contains(RecordedAnswerHeader));
    }

    [Fact]
    public async Task The_answer_is_stored_in_the_same_database_as_the_events_and_never_the_key_itself()
    {
        var key = $"order-{Guid.NewGuid():N}";

        (await ApplyAsync(key, new ApplyForPermit("Ada", "kiosk"))).EnsureSuccessStatusCode();

        await using var session = _service.Store.QuerySession();
        var stored = await session.Query<IdempotentAnswer>().ToListAsync(Ct);
        var answer = Assert.Single(stored);
        Assert.Equal(201, answer.Status);
        Assert.DoesNotContain(key, JsonSerializer.Serialize(answer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"unterminated")]
    [InlineData("\"bad \\x escape\"")]
    [InlineData("\"\"")]
    public async Task A_malformed_key_gets_400_and_appends_nothing(string header)
    {
        using var response = await SendAsync(header, """{ "applicant": "Ada", "kind": "kiosk" }""");

        await Expect.ProblemAsync(new Problem(400, Type: ProblemTypes.BadRequest), response);
        Assert.Equal(0, await EventCountAsync());
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_gets_400()
    {
        using var response = await SendAsync(new string('k', 256), """{ "applicant": "Ada", "kind": "kiosk" }""");

        await Expect.ProblemAsync(new Problem(400, Type: ProblemTypes.BadRequest), response);
    }

    private const string RecordedAnswerHeader = "Idempotent-Replayed";

    private static string NewKey() => $"\"{Guid.NewGuid()}\"";

    private Task<HttpResponseMessage> ApplyAsync(string key, object body, string? token = null) =>
        SendAsync(key, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), token);

    private async Task<HttpResponseMessage> SendAsync(string key, string json, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Permits) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(IdempotencyKey.HeaderName, key);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return await _service.Http.SendAsync(request, Ct);
    }

    private async Task<int> EventCountAsync()
    {
        await using var session = _service.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync(Ct);
    }
}
