using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace CityServices.EndToEnd.Tests.Support;

/// <summary>
/// One deployable (a service or the gateway) run the way <c>./city up</c> runs it: <c>dotnet X.dll</c>
/// from its own build output, settings as arguments, its log (JSON lines) kept for assertions.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _projectDirectory;
    private readonly IReadOnlyList<string> _arguments;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private ServiceProcess(string name, string projectDirectory, int port, IReadOnlyList<string> arguments)
    {
        Name = name;
        _projectDirectory = projectDirectory;
        Port = port;
        _arguments = arguments;
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Everything the process wrote to stdout and stderr so far, across restarts.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="projectDirectory"/> (relative to the repository root) on <paramref name="port"/>.</summary>
    public static ServiceProcess Start(string name, string projectDirectory, int port, IEnumerable<string> settings)
    {
        var service = new ServiceProcess(name, projectDirectory, port,
            [$"--urls=http://127.0.0.1:{port}", "--environment=Development", .. settings]);
        service.StartProcess();
        return service;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for GET /health/ready to answer 200, failing with the log tail when the process dies.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited before it was ready. Its log:\n{Tail()}");
            }

            try
            {
                if ((await http.GetAsync("health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // Slow to answer while it warms up.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout}. Its log:\n{Tail()}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Stops the process at once, as a crash or a failed node would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Starts it again with the same settings and port.</summary>
    public void Restart()
    {
        Kill();
        _process?.Dispose();
        StartProcess();
    }

    public string Tail(int lines = 60) => string.Join('\n', Log.Split('\n').TakeLast(lines));

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void StartProcess()
    {
        var assembly = OutputAssembly(_projectDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add($"--contentRoot={Path.GetDirectoryName(assembly)}");
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Settings come from the arguments only, not from whatever the developer's shell exports.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <summary>The deployable's own build output, in the configuration these tests were built in.</summary>
    private static string OutputAssembly(string projectDirectory)
    {
        var configuration = typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var name = Path.GetFileName(projectDirectory);
        var path = Path.Combine(RepositoryRoot(), projectDirectory, "bin", configuration, "net10.0", $"{name}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution first.", path);
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CityServices.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CityServices.sln above {AppContext.BaseDirectory}.");
    }
}
