using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace CityServices.EventPipeline.Tests;

public sealed class ConcurrencyTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private PermitsServiceHost _service = null!;

    public async ValueTask InitializeAsync() =>
        _service = await PermitsServiceHost.StartAsync(infrastructure, await infrastructure.CreateDatabaseAsync("concurrency"),
            CityInfrastructure.NewPrefix("concurrency"));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_new_stream_answers_with_its_version_as_a_strong_etag()
    {
        var response = await _service.Http.PostAsJsonAsync("/api/permits/permits", new ApplyForPermit("Alan", "kiosk"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new EntityTagHeaderValue("\"1\""), response.Headers.ETag);
    }

    [Fact]
    public async Task A_current_If_Match_appends_and_returns_the_next_version()
    {
        var id = await _service.ApplyForPermitAsync("Alan", ct: Ct);

        var response = await AddNote(id, "\"1\"", "approved by the district");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(new EntityTagHeaderValue("\"2\""), response.Headers.ETag);
        Assert.Equal(["approved by the district"], (await Permit(id)).Notes);
    }

    [Fact]
    public async Task A_stale_If_Match_gets_412_and_writes_nothing()
    {
        // given a permit someone else has already changed to version 2
        var id = await _service.ApplyForPermitAsync("Alan", ct: Ct);
        (await AddNote(id, "\"1\"", "first")).EnsureSuccessStatusCode();

        // when a client still holding version 1 writes
        var response = await AddNote(id, "\"1\"", "stale");

        // then it is told so, as problem details, and the stream is untouched
        await Expect.ProblemAsync(HttpStatusCode.PreconditionFailed, response);
        Assert.Equal(["first"], (await Permit(id)).Notes);
        await using var session = _service.Store.QuerySession();
        Assert.Equal(2, (await session.Events.FetchStreamStateAsync(id, Ct))!.Version);
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    [InlineData("1")]
    public async Task A_malformed_If_Match_gets_400_and_writes_nothing(string ifMatch)
    {
        var id = await _service.ApplyForPermitAsync("Alan", ct: Ct);

        var response = await AddNote(id, ifMatch, "never stored");

        await Expect.ProblemAsync(HttpStatusCode.BadRequest, response);
        Assert.Empty((await Permit(id)).Notes);
    }

    [Fact]
    public async Task Writing_to_a_permit_that_does_not_exist_gets_404()
    {
        var response = await AddNote(Guid.NewGuid(), null, "nobody home");

        await Expect.ProblemAsync(HttpStatusCode.NotFound, response);
    }

    [Fact]
    public async Task An_invalid_command_gets_400_naming_the_field_and_writes_nothing()
    {
        var response = await _service.Http.PostAsJsonAsync("/api/permits/permits", new { applicant = "", kind = "kiosk" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Applicant", out _) || problem.GetProperty("errors").TryGetProperty("applicant", out _));
        await using var session = _service.Store.QuerySession();
        Assert.Equal(0, await session.Events.QueryAllRawEvents().CountAsync(Ct));
    }

    private async Task<HttpResponseMessage> AddNote(Guid id, string? ifMatch, string note)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/permits/permits/{id}/notes")
        {
            Content = JsonContent.Create(new AddNote(note)),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _service.Http.SendAsync(request, Ct);
    }

    private async Task<Permit> Permit(Guid id) =>
        (await _service.Http.GetFromJsonAsync<Permit>($"/api/permits/permits/{id}", Ct))!;
}
