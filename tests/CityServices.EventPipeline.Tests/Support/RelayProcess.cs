using System.Diagnostics;

namespace CityServices.EventPipeline.Tests.Support;

/// <summary>
/// The permits service as a separate operating-system process, so a test can kill it the way a
/// crash would (SIGKILL: no shutdown hooks, no flushing) and start it again.
/// </summary>
internal sealed class RelayProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RelayProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static RelayProcess Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServiceAssembly());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new RelayProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the permits service."));
    }

    /// <summary>Waits for the process to end by itself (a <c>--migrate</c> run) and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan patience)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"The permits service did not exit within {patience}. It wrote:\n{Output}", e);
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process at once, as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>The test service's assembly, copied beside the tests by the project reference.</summary>
    private static string ServiceAssembly() =>
        Path.Combine(AppContext.BaseDirectory, "CityServices.EventPipeline.TestService.dll");

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
