using System.Text.Json;
using CityServices.Identity.Tests.Support;
using CityServices.Testing;

namespace CityServices.Identity.Tests;

/// <summary>The OpenAPI document says what every command route can answer, so clients can rely on it.</summary>
public sealed class CommandRouteDocumentationTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    /// <summary>Commands that start a new stream: no If-Match, so no 412 and no 404.</summary>
    private static readonly string[] StartStream = ["RegisterCitizen"];

    private IdentityHost _identity = null!;

    public async ValueTask InitializeAsync() => _identity = await IdentityHost.StartAsync(infrastructure, "command-docs");

    public ValueTask DisposeAsync() => _identity.DisposeAsync();

    [Fact]
    public async Task Every_command_route_documents_its_success_409_and_412()
    {
        using var document = JsonDocument.Parse(await _identity.Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var commands = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name.StartsWith("/api/identity/", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Where(operation => operation.Name is "post" or "put" or "patch" or "delete")
                .Select(operation => (Name: operation.Value.GetProperty("operationId").GetString()!,
                    Responses: operation.Value.GetProperty("responses").EnumerateObject().Select(response => response.Name).ToHashSet())))
            .ToList();

        Assert.True(commands.Count >= 11, $"only {commands.Count} command routes found");
        Assert.All(commands, command =>
        {
            string[] expected = StartStream.Contains(command.Name) ? ["400", "401", "403", "409"] : ["400", "401", "403", "404", "409", "412"];
            Assert.True(command.Responses.IsSupersetOf(expected) && command.Responses.Any(status => status.StartsWith('2')),
                $"{command.Name} documents {string.Join(", ", command.Responses.Order())}; expected a 2xx and {string.Join(", ", expected)}");
        });
    }

    [Fact]
    public async Task Every_creating_command_documents_its_Idempotency_Key_and_422()
    {
        using var document = JsonDocument.Parse(await _identity.Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var creating = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(operation => operation.Name == "post"))
            .Select(operation => operation.Value)
            .Where(operation => operation.GetProperty("responses").TryGetProperty("201", out _))
            .ToList();

        Assert.True(creating.Count >= 4, $"only {creating.Count} creating routes found");
        Assert.All(creating, operation =>
        {
            var name = operation.GetProperty("operationId").GetString();
            Assert.True(operation.GetProperty("responses").TryGetProperty("422", out _), $"{name} does not document 422");
            Assert.True(operation.TryGetProperty("parameters", out var parameters)
                && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header"),
                $"{name} does not document the Idempotency-Key header");
        });
    }
}
