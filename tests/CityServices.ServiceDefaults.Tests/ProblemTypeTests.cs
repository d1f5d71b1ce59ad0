using System.Text.RegularExpressions;
using CityServices.ServiceDefaults.Problems;
using CityServices.Testing;

namespace CityServices.ServiceDefaults.Tests;

/// <summary>Every problem carries the <c>type</c> of its kind of error, and every type is documented (docs/api-conventions.md).</summary>
public sealed partial class ProblemTypeTests
{
    [Theory]
    [InlineData("POST", "/items", """{"name":"","quantity":0}""", 400, ProblemTypes.Validation)]
    [InlineData("GET", "/refusals/bad-request", null, 400, ProblemTypes.BadRequest)]
    [InlineData("GET", "/refusals/private", null, 401, ProblemTypes.Unauthorized)]
    [InlineData("GET", "/refusals/forbidden", null, 403, ProblemTypes.Forbidden)]
    [InlineData("GET", "/patients/7", null, 404, ProblemTypes.NotFound)]
    [InlineData("GET", "/no/such/route", null, 404, ProblemTypes.NotFound)]
    [InlineData("DELETE", "/items", null, 405, ProblemTypes.MethodNotAllowed)]
    [InlineData("POST", "/bookings", null, 409, ProblemTypes.Conflict)]
    [InlineData("GET", "/refusals/in-progress", null, 409, ProblemTypes.RequestInProgress)]
    [InlineData("GET", "/refusals/status/410", null, 410, ProblemTypes.Gone)]
    [InlineData("PUT", "/bookings/3", null, 412, ProblemTypes.Stale)]
    [InlineData("GET", "/refusals/status/413", null, 413, ProblemTypes.TooLarge)]
    [InlineData("GET", "/refusals/status/415", null, 415, ProblemTypes.UnsupportedMediaType)]
    [InlineData("GET", "/refusals/key-reused", null, 422, ProblemTypes.IdempotencyKeyReused)]
    [InlineData("GET", "/refusals/status/429", null, 429, ProblemTypes.RateLimited)]
    [InlineData("GET", "/boom", null, 500, ProblemTypes.Internal)]
    [InlineData("GET", "/refusals/unavailable", null, 503, ProblemTypes.Unavailable)]
    [InlineData("GET", "/refusals/status/418", null, 418, "about:blank")]
    public async Task Each_kind_of_error_carries_its_type(string method, string path, string? json, int status, string type)
    {
        await using var service = await TestService.StartAsync(null, "Production", ProblemsApi.Register, ProblemsApi.Map);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await service.Client.SendAsync(request, Ct);

        await Expect.ProblemAsync(new Problem(status, Type: type), response);
    }

    [Fact]
    public void Every_type_is_a_section_of_the_API_conventions_page()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api-conventions.md"));
        var anchors = Heading().Matches(page).Select(match => match.Groups[1].Value).ToHashSet();

        Assert.All(ProblemTypes.All, type =>
        {
            Assert.StartsWith(ProblemTypes.Page + "#", type, StringComparison.Ordinal);
            Assert.Contains(type[(ProblemTypes.Page.Length + 1)..], anchors);
        });
        Assert.Equal(ProblemTypes.All.Count, ProblemTypes.All.Distinct().Count());
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CityServices.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from a build inside the repository.");
    }

    // "### `not-found`" → GitHub's anchor "not-found".
    [GeneratedRegex(@"^### `([a-z-]+)`", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
