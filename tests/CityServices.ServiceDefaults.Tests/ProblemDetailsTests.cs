using System.Net.Http.Json;
using System.Text;
using CityServices.Testing;

namespace CityServices.ServiceDefaults.Tests;

public sealed class ProblemDetailsTests
{
    private static Task<TestService> StartAsync(string environment = "Production", Dictionary<string, string?>? settings = null) =>
        TestService.StartAsync(settings, environment, ProblemsApi.Register, ProblemsApi.Map);

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task An_unhandled_exception_is_a_500_problem_that_leaks_neither_message_nor_stack_trace(string environment)
    {
        await using var service = await StartAsync(environment);

        var response = await service.Client.GetAsync("/boom", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Equal("An unexpected error occurred.", problem.GetProperty("title").GetString());
        Assert.Equal("/boom", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_problem_names_the_trace_that_the_traceresponse_header_carries()
    {
        await using var service = await StartAsync();

        var response = await service.Client.GetAsync("/boom", Ct);

        var problem = await Expect.ProblemAsync(HttpStatusCode.InternalServerError, response);
        var traceId = problem.GetProperty("traceId").GetString();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        var traceResponse = Assert.Single(response.Headers.GetValues("traceresponse"));
        Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-0[01]$", traceResponse);
    }

    [Fact]
    public async Task A_successful_response_carries_its_trace_too()
    {
        await using var service = await StartAsync();

        var response = await service.Client.GetAsync("/health/live", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", Assert.Single(response.Headers.GetValues("traceresponse")));
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await using var service = await StartAsync();

        var response = await service.Client.GetAsync("/no/such/route", Ct);

        var problem = await Expect.ProblemAsync(HttpStatusCode.NotFound, response);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("/no/such/route", problem.GetProperty("instance").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        await using var service = await StartAsync();

        var response = await service.Client.DeleteAsync("/items", Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await Expect.ProblemAsync(HttpStatusCode.MethodNotAllowed, response);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Malformed_json_is_a_400_problem_not_a_500(string environment)
    {
        await using var service = await StartAsync(environment);

        var response = await service.Client.PostAsync("/items", Json("{ \"name\": \"chair\", "), Ct);

        var problem = await Expect.ProblemAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("JsonException", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"name\": \"chair\", \"quantity\": 2, \"colour\": \"red\" }", "colour", "not part of the request")]
    [InlineData("{ \"name\": \"chair\", \"quantity\": \"two\" }", "quantity", "malformed or of the wrong type")]
    public async Task A_body_that_does_not_fit_is_a_400_problem_naming_the_field(string body, string field, string says)
    {
        await using var service = await StartAsync("Production");

        var response = await service.Client.PostAsync("/items", Json(body), Ct);

        var problem = await Expect.ProblemAsync(HttpStatusCode.BadRequest, response);
        Assert.Contains(says, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_failure_is_a_400_problem_naming_each_field()
    {
        await using var service = await StartAsync();

        var response = await service.Client.PostAsJsonAsync("/items", new { name = "", quantity = 11 }, Ct);

        var problem = await Expect.ProblemAsync(HttpStatusCode.BadRequest, response);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Name", out _), errors.GetRawText());
        Assert.True(errors.TryGetProperty("Quantity", out _), errors.GetRawText());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task A_valid_body_reaches_the_endpoint()
    {
        await using var service = await StartAsync();

        var response = await service.Client.PostAsJsonAsync("/items", new { name = "chair", quantity = 2 }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/patients/42", 404, "Not found", "Patient 42 does not exist.")]
    [InlineData("POST", "/bookings", 409, "Conflict", "The slot is already booked.")]
    [InlineData("PUT", "/bookings/7", 412, "Precondition failed", "Booking 7 is at version 3, not 2.")]
    public async Task A_problem_exception_becomes_its_status_with_title_and_detail(
        string method, string path, int status, string title, string detail)
    {
        await using var service = await StartAsync();

        var response = await service.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        await Expect.ProblemAsync(new Problem(status, title, detail, Instance: path), response);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", false)]
    [InlineData("Production", true)]
    [InlineData("Development", true)]
    public async Task A_body_over_Kestrel_Limits_MaxRequestBodySize_is_a_413_problem(string environment, bool chunked)
    {
        var settings = TestService.BaseSettings();
        settings["Kestrel:Limits:MaxRequestBodySize"] = "1024";
        await using var service = await StartAsync(environment, settings);

        var large = $"{{ \"name\": \"{new string('x', 4096)}\", \"quantity\": 1 }}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/items") { Content = Json(large) };
        // Chunked: no Content-Length to reject up front, so the limit bites while the body is read.
        request.Headers.TransferEncodingChunked = chunked;
        var response = await service.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await Expect.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, response);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
