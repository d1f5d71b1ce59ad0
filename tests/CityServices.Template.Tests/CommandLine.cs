using System.Diagnostics;
using System.Text;

namespace CityServices.Template.Tests;

/// <summary>A finished command: its exit code and everything it printed, interleaved.</summary>
internal sealed record CommandResult(int ExitCode, string Output)
{
    public CommandResult ShouldSucceed(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{Tail(Output)}");

    private static string Tail(string text) => text.Length <= 20_000 ? text : text[^20_000..];
}

/// <summary>Runs a command to its end (or kills it at the deadline), keeping its output.</summary>
internal static class CommandLine
{
    public static async Task<CommandResult> RunAsync(
        string workingDirectory, TimeSpan deadline, IReadOnlyDictionary<string, string?> environment, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} ran past {deadline.TotalMinutes:0} min:\n{output}");
        }

        process.WaitForExit(); // drains the output handlers
        return new CommandResult(process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
