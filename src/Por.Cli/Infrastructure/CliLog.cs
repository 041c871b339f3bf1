// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>
/// Structured logs (<c>--log-format json</c>, <c>--log-file</c>; docs/cli.md, "Progress and logs"): one JSON object per
/// line, written by Microsoft.Extensions.Logging's JSON console formatter. Events: the command's start, progress
/// (thinned like plain progress lines: every stage's first and last update is kept), failures and the end with the exit
/// code. Fields are the command name, stages, counts, the library's per-unit detail, times and exit codes: never
/// arguments, error texts, file contents, salts, keys or account ids.
/// </summary>
internal sealed class CliLog : IDisposable
{
    /// <summary>The category of every event.</summary>
    public const string Category = "por";

    private static readonly EventId s_started = new(1, "command_started");
    private static readonly EventId s_progress = new(2, "progress");
    private static readonly EventId s_failed = new(3, "command_failed");
    private static readonly EventId s_finished = new(4, "command_finished");

    private readonly Lock _lock = new();
    private readonly ServiceProvider _services;
    private readonly JsonLinesLoggerProvider _provider;
    private readonly ILogger _logger;
    private readonly TextWriter? _ownedWriter;
    private readonly TimeProvider _clock;
    private readonly long _start;
    private readonly string _command;
    private ProgressThrottle _throttle = new(ProgressRenderer.PlainInterval);

    /// <summary>Creates a log writing to <paramref name="writer"/>.</summary>
    /// <param name="writer">Where the lines go (stderr or the log file).</param>
    /// <param name="ownsWriter">Dispose the writer with the log (a log file).</param>
    /// <param name="command">The command's name ("round build").</param>
    /// <param name="clock">The clock.</param>
    public CliLog(TextWriter writer, bool ownsWriter, string command, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddJsonConsole(options =>
        {
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.fff'Z'";
            options.IncludeScopes = false;
            options.JsonWriterOptions = new JsonWriterOptions { Indented = false };
        }));
        _services = services.BuildServiceProvider();
        var formatter = _services.GetServices<ConsoleFormatter>().Single(f => string.Equals(f.Name, ConsoleFormatterNames.Json, StringComparison.Ordinal));
        _provider = new JsonLinesLoggerProvider(writer, formatter);
        _logger = _provider.CreateLogger(Category);
        _ownedWriter = ownsWriter ? writer : null;
        _clock = clock;
        _start = clock.GetTimestamp();
        _command = command;
    }

    /// <summary>Logs the command's start.</summary>
    public void Started() =>
        Log(LogLevel.Information, s_started, $"por {_command} started", []);

    /// <summary>Logs a progress update when the plain-line throttle keeps it.</summary>
    /// <param name="progress">The update.</param>
    public void Progress(WorkProgress progress)
    {
        lock (_lock)
        {
            foreach (var snapshot in _throttle.Offer(progress, _clock.GetElapsedTime(_start)))
            {
                LogProgress(snapshot);
            }
        }
    }

    /// <summary>Logs a failure by its exit code and failure code (never its message, which may quote input).</summary>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="failureCode">The JSON failure code or null.</param>
    public void Failed(int exitCode, string? failureCode) =>
        Log(exitCode == ExitCodes.VerificationFailed ? LogLevel.Warning : LogLevel.Error, s_failed, $"por {_command} failed with exit code {exitCode}", [new("exit_code", exitCode), new("failure_code", failureCode)]);

    /// <summary>Logs the pending progress and the command's end.</summary>
    /// <param name="exitCode">The exit code.</param>
    public void Finished(int exitCode)
    {
        lock (_lock)
        {
            foreach (var snapshot in _throttle.Flush())
            {
                LogProgress(snapshot);
            }

            _throttle = new ProgressThrottle(ProgressRenderer.PlainInterval);
        }

        var level = exitCode switch { ExitCodes.Ok => LogLevel.Information, ExitCodes.VerificationFailed => LogLevel.Warning, _ => LogLevel.Error };
        Log(level, s_finished, $"por {_command} finished with exit code {exitCode}", [new("exit_code", exitCode)]);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _provider.Dispose();
        _ownedWriter?.Dispose();
        _services.Dispose();
    }

    private void LogProgress(StageSnapshot s) =>
        Log(LogLevel.Information, s_progress, ProgressFormat.Running(s),
        [
            new("stage", s.Progress.Stage),
            new("done", s.Progress.Done),
            new("total", s.Progress.Total),
            new("detail", s.Progress.Detail),
            new("eta_seconds", s.Eta is { } eta && eta != TimeSpan.MaxValue ? (long)eta.TotalSeconds : null),
            new("elapsed_seconds", (long)s.Elapsed.TotalSeconds),
        ]);

    private void Log(LogLevel level, EventId id, string message, KeyValuePair<string, object?>[] fields)
    {
        var state = new LogEventState(message, [new("command", _command), .. fields]);
        try
        {
            _logger.Log(level, id, state, null, static (s, _) => s.ToString());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // A full disk or closed pipe ends logging, not the command.
        }
    }
}
