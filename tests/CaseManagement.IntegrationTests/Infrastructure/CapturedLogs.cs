using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// A logger provider that keeps every formatted message (and exception text) in memory; with CM_TEST_LOG set to a file
/// path, also appends them there, to read what a failing scenario's service did.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private static readonly string? File = Environment.GetEnvironmentVariable("CM_TEST_LOG");
    private static readonly Lock FileLock = new();
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Capture(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Capture(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            lines.Enqueue(line);
            if (File is not null)
            {
                lock (FileLock)
                {
                    System.IO.File.AppendAllText(File, $"{DateTimeOffset.UtcNow:O} {line}{Environment.NewLine}");
                }
            }
        }
    }
}
