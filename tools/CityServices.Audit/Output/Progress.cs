using System.Diagnostics;

namespace CityServices.Audit.Output;

/// <summary>
/// One progress line on a terminal's stderr, rewritten in place a few times a second. It stays silent
/// when stderr is not a terminal (a log file, a CronJob) and with <c>--json</c>, so scripts see the result only.
/// </summary>
public sealed class Progress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly TextWriter? _terminal;
    private readonly Stopwatch _sinceShown = Stopwatch.StartNew();
    private bool _shown;

    public Progress(TextWriter? terminal) => _terminal = terminal;

    public static Progress None { get; } = new(null);

    /// <param name="line">What is done so far; computed only when it will be shown.</param>
    public void Show(Func<string> line)
    {
        if (_terminal is null || (_shown && _sinceShown.Elapsed < Interval))
        {
            return;
        }

        _terminal.Write($"\r{line()}\u001b[K");
        _terminal.Flush();
        _shown = true;
        _sinceShown.Restart();
    }

    /// <summary>Erases the line before the result is printed.</summary>
    public void Clear()
    {
        if (_terminal is not null && _shown)
        {
            _terminal.Write("\r\u001b[K");
            _terminal.Flush();
            _shown = false;
        }
    }
}
