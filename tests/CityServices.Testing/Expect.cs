using System.Net;
using System.Text.Json;
using Xunit;

namespace CityServices.Testing;

/// <summary>The members RFC 9457 defines for a problem details body.</summary>
public sealed record Problem(int Status, string? Title = null, string? Detail = null, string? Type = null, string? Instance = null)
{
    internal static Problem Of(JsonElement body) => new(
        body.GetProperty("status").GetInt32(), Text(body, "title"), Text(body, "detail"), Text(body, "type"), Text(body, "instance"));

    private static string? Text(JsonElement body, string member) =>
        body.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Assertions on HTTP answers that show the answer's body when they fail.</summary>
public static class Expect
{
    public static async Task StatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Fail($"Expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        await StatusAsync(expected, response);
        return await BodyAsync(response);
    }

    /// <summary>
    /// Asserts an RFC 9457 answer: <c>application/problem+json</c> with <paramref name="expected"/> in the
    /// status line and the body, the <c>traceId</c> a caller quotes, and no stack trace. Returns the body.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        await StatusAsync(expected, response);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Expected application/problem+json, got {response.Content.Headers.ContentType}: {text}");
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)expected, body.GetProperty("status").GetInt32());
        Assert.Equal(32, body.GetProperty("traceId").GetString()!.Length);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return body;
    }

    /// <summary>
    /// Asserts an RFC 9457 answer (as <see cref="ProblemAsync(HttpStatusCode, HttpResponseMessage)"/>) whose
    /// members equal <paramref name="expected"/>'s; a member <paramref name="expected"/> leaves null is not compared.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(Problem expected, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var body = await ProblemAsync((HttpStatusCode)expected.Status, response);
        var actual = Problem.Of(body);
        Assert.Equal(expected, actual with
        {
            Title = expected.Title is null ? null : actual.Title,
            Detail = expected.Detail is null ? null : actual.Detail,
            Type = expected.Type is null ? null : actual.Type,
            Instance = expected.Instance is null ? null : actual.Instance,
        });
        return body;
    }

    /// <summary>Asserts a 400 problem whose <c>errors</c> name exactly <paramref name="fields"/>.</summary>
    public static async Task<JsonElement> InvalidAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await ProblemAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal(fields, body.GetProperty("errors").EnumerateObject().Select(error => error.Name));
        return body;
    }

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
