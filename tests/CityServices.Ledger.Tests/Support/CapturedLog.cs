using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CityServices.Ledger.Tests.Support;

/// <summary>
/// What one ledger host logs at the levels the test host lets through (warnings and errors): the
/// signal a test waits for when the outcome is a refusal, which leaves nothing else to observe.
/// </summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Waits until <paramref name="count"/> messages at <paramref name="level"/> start with <paramref name="start"/>; returns them all.</summary>
    public Task<IReadOnlyList<string>> WaitForAsync(LogLevel level, string start, int count = 1) =>
        Eventually.Until(() => Matching(level, start), messages => messages.Count >= count, $"{count} {level} log message(s) starting \"{start}\"");

    public IReadOnlyList<string> Matching(LogLevel level, string start) =>
        [.. _entries.Where(entry => entry.Level == level && entry.Message.StartsWith(start, StringComparison.Ordinal)).Select(entry => entry.Message)];

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
