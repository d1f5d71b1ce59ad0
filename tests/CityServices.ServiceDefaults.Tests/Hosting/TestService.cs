using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace CityServices.ServiceDefaults.Tests.Hosting;

/// <summary>
/// A service as a real one is written (AddServiceDefaults, UseServiceDefaults, MapDefaultEndpoints),
/// served by Kestrel on a free loopback port, with the endpoints a test needs mapped in between.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestService(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Settings every test service starts from: a valid https authority that tests without
    /// tokens never contact.</summary>
    public static Dictionary<string, string?> BaseSettings() => new()
    {
        ["Service:Name"] = "test-service",
        ["Authentication:Authority"] = "https://identity.invalid/",
        // The JSON lines would bury the test report; LoggingTests looks at them on purpose.
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static WebApplication Build(
        Dictionary<string, string?>? settings = null,
        string environment = "Production",
        Action<WebApplicationBuilder>? register = null,
        Action<WebApplication>? map = null,
        Action<ServiceDefaultsOptions>? defaults = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? BaseSettings());
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        builder.AddServiceDefaults(defaults);
        register?.Invoke(builder);

        var app = builder.Build();
        app.UseServiceDefaults();
        map?.Invoke(app);
        app.MapDefaultEndpoints();
        return app;
    }

    public static async Task<TestService> StartAsync(
        Dictionary<string, string?>? settings = null,
        string environment = "Production",
        Action<WebApplicationBuilder>? register = null,
        Action<WebApplication>? map = null,
        Action<ServiceDefaultsOptions>? defaults = null)
    {
        var app = Build(settings, environment, register, map, defaults);
        await app.StartAsync(TestContext.Current.CancellationToken);
        // The public address comes first; a management port (Metrics:Port) is added after it.
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new TestService(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
