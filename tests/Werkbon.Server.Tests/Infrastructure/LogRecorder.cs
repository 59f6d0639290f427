using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>Keeps what the app logs at error level or above, so a test can show the app never failed along the way.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _failures = new();

    public IReadOnlyList<string> Failures => [.. _failures];

    /// <summary>Forgets what was logged so far (the start: EF Core logs its probe for the migrations table of a new PostgreSQL database as an error).</summary>
    public void Clear() => _failures.Clear();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _failures);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> failures) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                failures.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
            }
        }
    }
}
