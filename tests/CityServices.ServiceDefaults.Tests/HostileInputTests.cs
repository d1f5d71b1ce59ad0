using System.Net.Http.Json;
using System.Text;
using CityServices.Testing;

namespace CityServices.ServiceDefaults.Tests;

/// <summary>What no service lets in, whatever its endpoints: the JSON and query-string rules of ServiceDefaults.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private TestService _service = null!;

    public async ValueTask InitializeAsync() =>
        _service = await TestService.StartAsync(null, "Production", ProblemsApi.Register, ProblemsApi.Map);

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Theory]
    [InlineData("Ann\u0000e", "U+0000")]
    [InlineData("Ann\u001be", "U+001B")]
    [InlineData("Ann\u0085e", "U+0085")]
    [InlineData("exe.\u202Egpj", "U+202E")]
    [InlineData("Ann\u200Be", "U+200B")]
    [InlineData("\uFEFFAnne", "U+FEFF")]
    [InlineData("Anne\U000E0041", "U+E0041")]
    public async Task A_string_with_a_control_or_format_character_is_a_400_naming_the_field(string name, string codePoint)
    {
        var response = await PostJsonAsync("/items", $$"""{"name":{{JsonSerializer.Serialize(name)}},"quantity":1}""");

        var message = FieldError(await Expect.InvalidAsync(response, "name"), "name");
        Assert.Contains(codePoint, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_is_a_400_naming_the_field()
    {
        // Written as a JSON escape: a lone surrogate cannot be encoded in UTF-8 by the client itself.
        var response = await PostJsonAsync("/items", """{"name":"Ann\ud800e","quantity":1}""");

        await Expect.InvalidAsync(response, "name");
    }

    [Theory]
    [InlineData("Zoë Ñúñez-Ó'Brien")]
    [InlineData("李小龍")]
    [InlineData("محمد")]
    [InlineData("two\nlines\twith a tab")]
    [InlineData("a smile 😀")]
    public async Task Ordinary_text_in_any_script_is_accepted(string note)
    {
        var response = await PostJsonAsync("/paints", $$"""{"colour":"red","note":{{JsonSerializer.Serialize(note)}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(note, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_key_given_twice_is_a_400_naming_it_and_not_the_last_one_silently()
    {
        var response = await PostJsonAsync("/items", """{"name":"first","quantity":1,"name":"second"}""");

        var message = FieldError(await Expect.InvalidAsync(response, "name"), "name");
        Assert.Equal("This field is given more than once.", message);
    }

    [Theory]
    [InlineData("""{"colour":1}""")]
    [InlineData("""{"colour":7}""")]
    [InlineData("""{"colour":"purple"}""")]
    public async Task An_enum_only_travels_as_one_of_its_names(string body)
    {
        var response = await PostJsonAsync("/paints", body);

        await Expect.InvalidAsync(response, "colour");
    }

    [Fact]
    public async Task An_enum_by_its_camel_case_name_is_accepted()
    {
        var response = await PostJsonAsync("/paints", """{"colour":"deepBlue"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("deepBlue", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("colour").GetString());
    }

    [Theory]
    [InlineData("/search?q=a%00b", "q")]
    [InlineData("/search?q=%E2%80%AEexe", "q")]
    [InlineData("/search?q=fine&other=%1B", "other")]
    public async Task A_query_parameter_with_a_control_or_format_character_is_a_400_naming_it(string path, string field)
    {
        var response = await _service.Client.GetAsync(path, Ct);

        await Expect.InvalidAsync(response, field);
    }

    [Fact]
    public async Task A_query_parameter_in_any_script_is_accepted()
    {
        var response = await _service.Client.GetAsync("/search?q=" + Uri.EscapeDataString("Zoë 李"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string? FieldError(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field)[0].GetString();

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _service.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
}
