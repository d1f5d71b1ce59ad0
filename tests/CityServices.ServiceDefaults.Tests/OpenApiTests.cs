using Microsoft.OpenApi;

namespace CityServices.ServiceDefaults.Tests;

public sealed class OpenApiTests
{
    private static Task<TestService> StartAsync(string environment = "Production") =>
        TestService.StartAsync(environment: environment, map: app =>
        {
            app.MapGet("/checkpoints/latest", () => "root").AllowAnonymous();
            app.MapGet("/records/{id:guid}", (Guid id) => id).RequireScope("health-records");
        });

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task The_document_is_valid_openapi_titled_after_the_service_with_a_bearer_scheme(string environment)
    {
        await using var service = await StartAsync(environment);

        var response = await service.Client.GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (document, diagnostic) = await OpenApiDocument.LoadAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
        Assert.Empty(diagnostic!.Errors);
        Assert.Equal("test-service", document!.Info.Title);
        var scheme = document.Components!.SecuritySchemes!["Bearer"];
        Assert.Equal((SecuritySchemeType.Http, "bearer"), (scheme.Type, scheme.Scheme));
    }

    [Fact]
    public async Task Only_operations_that_require_authorization_ask_for_the_bearer_token()
    {
        await using var service = await StartAsync();

        var response = await service.Client.GetAsync("/openapi/v1.json", Ct);

        var (document, _) = await OpenApiDocument.LoadAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
        var secured = document!.Paths["/records/{id}"].Operations![HttpMethod.Get].Security;
        var open = document.Paths["/checkpoints/latest"].Operations![HttpMethod.Get].Security;
        Assert.Equal("Bearer", Assert.Single(Assert.Single(secured!).Keys).Reference.Id);
        Assert.True(open is null or { Count: 0 });
    }

    [Fact]
    public async Task The_api_reference_is_served_in_production()
    {
        await using var service = await StartAsync();

        var response = await service.Client.GetAsync("/scalar", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"url\":\"openapi/v1.json\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // The UI's script ships inside the package: the reference works without a CDN.
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/scalar/scalar.js", Ct)).StatusCode);
    }
}
