using System.Net;
using System.Net.Http.Json;
using CityServices.CityTemplate.Tickets.Reading;
using CityServices.Testing;
using Published = CityServices.Contracts.CityTemplate;

namespace CityServices.CityTemplate.Tests;

/// <summary>
/// The service in-process on a loopback port, on real PostgreSQL and RabbitMQ, with a database and
/// a broker prefix of this class's own, called as a department's system would with its token.
/// </summary>
public sealed class TicketApiTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Tickets = "/api/city-template/tickets";
    private static readonly string Scope = CityTemplateRegistration.Service.Scope;

    private TestIssuer _issuer = null!;
    private ServiceHost _service = null!;
    private MessageProbe _published = null!;
    private HttpClient _department = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _service = await ServiceHost.StartAsync(infrastructure, CityTemplateApp.Create, nameof(TicketApiTests),
            new ServiceHostOptions { Authority = new Uri(_issuer.Issuer) });
        _published = await MessageProbe.StartAsync(infrastructure, _service.Prefix, typeof(Published.TicketOpened), typeof(Published.TicketClosed));
        _department = _service.WithToken(_issuer.CreateDepartmentToken("city-template-department", Scope));
    }

    [Fact]
    public async Task Opening_a_ticket_answers_201_with_its_location_and_first_version()
    {
        using var response = await _department.PostAsJsonAsync(Tickets, new { subject = "Broken street light" }, Ct);

        var id = (await Expect.JsonAsync(HttpStatusCode.Created, response)).GetProperty("id").GetGuid();
        Assert.Equal($"{Tickets}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var view = await _department.GetFromJsonAsync<TicketView>($"{Tickets}/{id}", Ct);
        Assert.Equal(new TicketView(id, "Broken street light", "city-template-department", view!.OpenedAt, view.Notes, null, null), view);
        Assert.Empty(view.Notes);
    }

    [Fact]
    public async Task Opening_a_ticket_retried_with_its_Idempotency_Key_answers_the_first_201_and_opens_one_ticket()
    {
        var key = $"\"{Guid.NewGuid()}\"";

        using var first = await SendAsync(HttpMethod.Post, Tickets, new { subject = "Broken street light" }, idempotencyKey: key);
        using var retry = await SendAsync(HttpMethod.Post, Tickets, new { subject = "Broken street light" }, idempotencyKey: key);
        using var other = await SendAsync(HttpMethod.Post, Tickets, new { subject = "Pothole" }, idempotencyKey: key);

        var id = (await Expect.JsonAsync(HttpStatusCode.Created, first)).GetProperty("id").GetGuid();
        Assert.Equal(id, (await Expect.JsonAsync(HttpStatusCode.Created, retry)).GetProperty("id").GetGuid());
        Assert.Equal((first.Headers.Location, first.Headers.ETag), (retry.Headers.Location, retry.Headers.ETag));
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        await Expect.ProblemAsync(HttpStatusCode.UnprocessableEntity, other);
    }

    [Fact]
    public async Task A_note_with_the_current_version_is_added_and_the_ETag_moves_on()
    {
        var id = await OpenTicketAsync();

        using var response = await SendAsync(HttpMethod.Post, $"{Tickets}/{id}/notes", new { text = "Crew sent" }, ifMatch: "\"1\"");

        await Expect.StatusAsync(HttpStatusCode.NoContent, response);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var view = await _department.GetFromJsonAsync<TicketView>($"{Tickets}/{id}", Ct);
        Assert.Equal(["Crew sent"], view!.Notes.Select(note => note.Text));
    }

    [Fact]
    public async Task A_note_with_a_stale_If_Match_is_refused_with_412_and_nothing_is_written()
    {
        var id = await OpenTicketAsync();
        await Expect.StatusAsync(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Post, $"{Tickets}/{id}/notes", new { text = "first" }));

        using var stale = await SendAsync(HttpMethod.Post, $"{Tickets}/{id}/notes", new { text = "second" }, ifMatch: "\"1\"");

        await Expect.ProblemAsync(HttpStatusCode.PreconditionFailed, stale);
        var view = await _department.GetFromJsonAsync<TicketView>($"{Tickets}/{id}", Ct);
        Assert.Equal(["first"], view!.Notes.Select(note => note.Text));
    }

    [Fact]
    public async Task A_note_on_a_closed_ticket_is_refused_with_409()
    {
        var id = await OpenTicketAsync();
        await Expect.StatusAsync(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Post, $"{Tickets}/{id}/closure", new { outcome = "Repaired" }));

        using var response = await SendAsync(HttpMethod.Post, $"{Tickets}/{id}/notes", new { text = "Too late" });

        await Expect.ProblemAsync(HttpStatusCode.Conflict, response);
    }

    [Fact]
    public async Task A_command_on_a_ticket_that_does_not_exist_answers_404()
    {
        using var response = await SendAsync(HttpMethod.Post, $"{Tickets}/{Guid.NewGuid()}/notes", new { text = "Anyone?" });

        await Expect.ProblemAsync(HttpStatusCode.NotFound, response);
    }

    [Fact]
    public async Task A_ticket_without_a_subject_is_refused_with_400_naming_the_field()
    {
        using var response = await _department.PostAsJsonAsync(Tickets, new { subject = "" }, Ct);

        await Expect.InvalidAsync(response, "Subject");
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_and_with_another_scope_403()
    {
        using var anonymous = await _service.Http.PostAsJsonAsync(Tickets, new { subject = "x" }, Ct);
        using var other = _service.WithToken(_issuer.CreateDepartmentToken("another-department", "another-scope"));
        using var forbidden = await other.PostAsJsonAsync(Tickets, new { subject = "x" }, Ct);

        await Expect.StatusAsync(HttpStatusCode.Unauthorized, anonymous);
        await Expect.ProblemAsync(HttpStatusCode.Forbidden, forbidden);
    }

    [Fact]
    public async Task Opening_and_closing_a_ticket_publish_their_integration_events()
    {
        var id = await OpenTicketAsync();
        await Expect.StatusAsync(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Post, $"{Tickets}/{id}/closure", new { outcome = "Repaired" }));

        var opened = await _published.WaitForAsync<Published.TicketOpened>();
        var closed = await _published.WaitForAsync<Published.TicketClosed>();

        Assert.Contains(opened, message => message.TicketId == id);
        Assert.Contains(closed, message => message.TicketId == id && message.Outcome == "Repaired");
    }

    [Fact]
    public async Task The_audit_export_serves_the_ticket_events_as_leaf_records_of_this_service()
    {
        var id = await OpenTicketAsync();
        using var auditor = _service.WithToken(_issuer.CreateDepartmentToken("city-auditor", "audit"));

        var lines = (await auditor.GetStringAsync("/api/city-template/audit/events", Ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("record"))
            .Where(record => record.GetProperty("streamId").GetString() == id.ToString())
            .ToList();

        var record = Assert.Single(lines);
        Assert.Equal("city-template", record.GetProperty("service").GetString());
        Assert.Equal("city-template.ticket_opened", record.GetProperty("eventType").GetString());
    }

    private async Task<Guid> OpenTicketAsync()
    {
        using var response = await _department.PostAsJsonAsync(Tickets, new { subject = "Broken street light" }, Ct);
        return (await Expect.JsonAsync(HttpStatusCode.Created, response)).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await _department.SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _department.Dispose();
        await _published.DisposeAsync();
        await _service.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
