using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CityServices.Testing;

/// <summary>A service's <c>XxxApp.Create</c>: settings as <c>--Key=value</c> arguments, and test-only registrations.</summary>
public delegate WebApplication CreateApp(string[] args, Action<IServiceCollection>? configureServices);

/// <summary>How <see cref="ServiceHost"/> starts a service; every member has a default that isolates the test class.</summary>
public sealed record ServiceHostOptions
{
    /// <summary>The database to use, when a test restarts a service on its data; null: a new, empty one.</summary>
    public string? Postgres { get; init; }

    /// <summary>The broker entity prefix, when the service shares a test's messages with others; null: a new one.</summary>
    public string? Prefix { get; init; }

    /// <summary>The token issuer the service trusts; null: an address where nothing listens (for anonymous APIs).</summary>
    public Uri? Authority { get; init; }

    /// <summary>The address to listen on, when the service must know it (an issuer); null: a free port Kestrel picks.</summary>
    public Uri? Url { get; init; }

    /// <summary>The service's own settings, as <c>--Key=value</c>; later ones win over the defaults.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>Test-only registrations (a clock), applied after the service's own.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Whether to return only once <c>/health/ready</c> reports every check Healthy (database, broker and
    /// consumers up): a broker still connecting shows as Degraded there, and a test publishing then could miss its queues.</summary>
    public bool WaitUntilReady { get; init; } = true;
}

/// <summary>
/// Any CityServices service in-process on a real loopback port, built by its own <c>XxxApp.Create</c>
/// with a database and a broker entity prefix of its own, and an anonymous <see cref="Http"/> client.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private ServiceHost(WebApplication app, string postgres, string prefix)
    {
        _app = app;
        Postgres = postgres;
        Prefix = prefix;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient { BaseAddress = Address };
    }

    public Uri Address { get; }

    /// <summary>An anonymous client of the service.</summary>
    public HttpClient Http { get; }

    public string Postgres { get; }

    public string Prefix { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <param name="name">Names the test's database and prefix, so a leftover is traced to its test.</param>
    public static async Task<ServiceHost> StartAsync(CityInfrastructure infrastructure, CreateApp create, string name, ServiceHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(create);
        options ??= new ServiceHostOptions();
        var postgres = options.Postgres ?? await infrastructure.CreateDatabaseAsync(name);
        var prefix = options.Prefix ?? CityInfrastructure.NewPrefix(name);
        var app = create(Arguments(infrastructure, postgres, prefix, options), options.ConfigureServices);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var host = new ServiceHost(app, postgres, prefix);
        if (options.WaitUntilReady)
        {
            await Eventually.UntilAsync(() => IsHealthyAsync(host.Http), healthy => healthy, $"{name} to be ready");
        }

        return host;
    }

    /// <summary>Whether <c>/health/ready</c> answers 200 with every check Healthy (none Degraded).</summary>
    public static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            && (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString() == "Healthy";
    }

    /// <summary>The settings a service takes in tests, as command-line arguments (also for a child process).</summary>
    public static string[] Arguments(CityInfrastructure infrastructure, string postgres, string prefix, ServiceHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            $"--urls={options.Url?.AbsoluteUri.TrimEnd('/') ?? "http://127.0.0.1:0"}",
            "--environment=Development",
            $"--Authentication:Authority={options.Authority ?? Loopback.NothingListens()}",
            "--Authentication:RequireHttpsMetadata=false",
            $"--ConnectionStrings:Postgres={postgres}",
            $"--ConnectionStrings:RabbitMq={infrastructure.RabbitMqUri}",
            $"--Messaging:EntityPrefix={prefix}",
            "--Messaging:Retry:MinInterval=00:00:00.050",
            "--Messaging:Retry:MaxInterval=00:00:00.500",
            "--Logging:LogLevel:Default=Warning",
            .. options.Settings,
        ];
    }

    /// <summary>A client sending <paramref name="token"/> as its bearer token; the caller disposes it.</summary>
    public HttpClient WithToken(string token)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A request with an optional bearer token and JSON body.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? body = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Http.SendAsync(request, ct.CanBeCanceled ? ct : TestContext.Current.CancellationToken);
    }

    /// <summary>Stops the host (the bus first, as in a rolling update); idempotent.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
    }
}
