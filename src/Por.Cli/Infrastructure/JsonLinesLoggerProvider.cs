// SPDX-License-Identifier: Apache-2.0

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Por.Cli.Infrastructure;

/// <summary>Writes each log event as one line through Microsoft.Extensions.Logging's JSON console formatter, synchronously
/// and under a lock (the console logger itself would write from a background thread to the process's console, not to
/// the command's stderr or a log file).</summary>
internal sealed class JsonLinesLoggerProvider(TextWriter writer, ConsoleFormatter formatter) : ILoggerProvider
{
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new JsonLinesLogger(categoryName, this);

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            writer.Flush();
        }
    }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        lock (_lock)
        {
            formatter.Write(entry, null, writer);
            writer.Flush();
        }
    }

    private sealed class JsonLinesLogger(string category, JsonLinesLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
            }
        }
    }
}
