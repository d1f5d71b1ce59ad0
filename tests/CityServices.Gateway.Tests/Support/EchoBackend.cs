using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CityServices.Gateway.Tests.Support;

/// <summary>
/// A small real service on a loopback port: ready on <c>/health/ready</c>, and answering every other
/// request with what it received, which it also records. It grants CORS to everyone, as a careless
/// service might, so tests can show the gateway takes that decision back. It can stop and start again
/// on the same port, as a restarted replica does.
/// </summary>
internal sealed class EchoBackend : IAsyncDisposable
{
    /// <summary>A request whose path ends with this is answered only after 30 s.</summary>
    public const string SlowSuffix = "/slow";

    private WebApplication? _app;

    private EchoBackend(string name) => Name = name;

    /// <summary>The name this backend puts in every answer, so a test knows which replica answered.</summary>
    public string Name { get; }

    public int Port { get; private set; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public static async Task<EchoBackend> StartAsync(string name)
    {
        var backend = new EchoBackend(name);
        await backend.StartOnAsync(0);
        return backend;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Starts again on the port it had, like a replica coming back.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health/ready", () => Results.Ok());
        app.MapFallback(EchoAsync);
        await app.StartAsync(Ct);
        Port = new Uri(app.Urls.Single()).Port;
        _app = app;
    }

    private async Task EchoAsync(HttpContext context)
    {
        if (context.Request.Path.Value!.EndsWith(SlowSuffix, StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }

        long length = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            length += read;
        }

        var headers = context.Request.Headers;
        Seen.Enqueue(new SeenRequest(
            context.Request.Method,
            context.Request.Path,
            headers["traceparent"].ToString(),
            headers.Authorization.ToString(),
            headers["X-Forwarded-For"].ToString(),
            headers["X-Forwarded-Proto"].ToString(),
            headers["X-Forwarded-Host"].ToString(),
            length));
        context.Response.Headers.AccessControlAllowOrigin = "*";
        await context.Response.WriteAsJsonAsync(new EchoAnswer(Name, context.Request.Path, length), context.RequestAborted);
    }
}

/// <summary>What the backend received: the headers the gateway is responsible for, and the body's size.</summary>
internal sealed record SeenRequest(
    string Method, string Path, string TraceParent, string Authorization,
    string ForwardedFor, string ForwardedProto, string ForwardedHost, long BodyLength);

/// <summary>The backend's answer.</summary>
internal sealed record EchoAnswer(string Backend, string Path, long BodyLength)
{
    public static async Task<EchoAnswer> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EchoAnswer>(Ct))!;
    }
}
