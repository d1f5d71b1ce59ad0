using System.Net.Http.Json;

namespace CityServices.EventPipeline.Tests;

public sealed class AuditExportTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private PermitsServiceHost _service = null!;

    public async ValueTask InitializeAsync() =>
        _service = await PermitsServiceHost.StartAsync(infrastructure, await infrastructure.CreateDatabaseAsync("export"),
            CityInfrastructure.NewPrefix("export"));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task The_export_lists_every_stored_event_in_sequence_order_with_its_leaf_record_and_data()
    {
        // given three events in two streams
        var first = await _service.ApplyForPermitAsync("Ada", ct: Ct);
        var second = await _service.ApplyForPermitAsync("Grace", ct: Ct);
        await _service.AddNoteAsync(first, "checked", Ct);

        // when an auditor exports them
        var response = await _service.GetAsAuditorAsync("/api/permits/audit/events", Ct);
        var lines = await _service.ExportAsync(ct: Ct);

        // then each line is a version-1 leaf record of this service with the data it hashes
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, lines.Count);
        Assert.Equal(lines.Select(l => l.Record.Sequence).Order(), lines.Select(l => l.Record.Sequence));
        Assert.Equal([first.ToString(), second.ToString(), first.ToString()], lines.Select(l => l.Record.StreamId));
        Assert.Equal([1L, 1L, 2L], lines.Select(l => l.Record.StreamVersion));
        Assert.Equal(["permits.permit_applied", "permits.permit_applied", "permits.note_added"], lines.Select(l => l.Record.EventType));
        Assert.All(lines, l => Assert.Equal("permits", l.Record.Service));
        Assert.All(lines, l => Assert.Equal(EventDataHash.Compute(Encoding.UTF8.GetBytes(l.Data)), l.Record.DataSha256));
        Assert.Equal("Ada", JsonDocument.Parse(lines[0].Data).RootElement.GetProperty("applicant").GetString());
    }

    [Fact]
    public async Task The_export_pages_by_sequence_with_after_and_limit()
    {
        // given four events
        var id = await _service.ApplyForPermitAsync("Ada", ct: Ct);
        await _service.AddNoteAsync(id, "one", Ct);
        await _service.AddNoteAsync(id, "two", Ct);
        await _service.AddNoteAsync(id, "three", Ct);
        var all = await _service.ExportAsync(ct: Ct);

        // when an auditor reads two pages of two
        var page1 = await _service.ExportAsync("?limit=2", Ct);
        var page2 = await _service.ExportAsync($"?after={page1[^1].Record.Sequence}&limit=2", Ct);

        // then the pages are the whole export, split
        Assert.Equal(all.Select(l => l.Record), page1.Concat(page2).Select(l => l.Record));
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000001", "limit")]
    public async Task Out_of_range_paging_gets_a_400_naming_the_parameter(string query, string field)
    {
        var response = await _service.GetAsAuditorAsync($"/api/permits/audit/events?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");
    }

    [Fact]
    public async Task The_export_refuses_a_caller_without_a_token_with_401()
    {
        var response = await _service.Http.GetAsync("/api/permits/audit/events", Ct);

        await Expect.ProblemAsync(HttpStatusCode.Unauthorized, response);
    }

    [Fact]
    public async Task The_export_refuses_a_token_without_the_audit_scope_with_403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/permits/audit/events");
        request.Headers.Authorization = new("Bearer", _service.Issuer.CreateToken("trade"));

        var response = await _service.Http.SendAsync(request, Ct);

        await Expect.ProblemAsync(HttpStatusCode.Forbidden, response);
    }
}
