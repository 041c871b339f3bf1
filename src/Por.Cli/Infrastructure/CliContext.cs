// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Text.Json;
using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>Where a command writes: human text or one JSON document on stdout; progress, logs and errors on stderr
/// (docs/cli.md, "Progress and logs").</summary>
internal sealed class CliContext : IDisposable
{
    private readonly ProgressRenderer _renderer;
    private readonly CliLog? _log;
    private readonly FanOut _progress;

    /// <summary>A context without a terminal or logs: plain progress lines on <paramref name="stderr"/>.</summary>
    public CliContext(TextWriter stdout, TextWriter stderr, bool json)
        : this(stdout, stderr, json, ProgressMode.Plain, TimeProvider.System, () => 80, null)
    {
    }

    /// <summary>A context with an explicit progress mode, clock, terminal width and log.</summary>
    public CliContext(TextWriter stdout, TextWriter stderr, bool json, ProgressMode mode, TimeProvider clock, Func<int> width, CliLog? log)
    {
        Json = json;
        _renderer = new ProgressRenderer(stderr, mode, clock, width);
        _log = log;
        _progress = new FanOut(this);
        Out = mode == ProgressMode.Live ? new ProgressAwareWriter(stdout, _renderer) : stdout;
        Error = mode == ProgressMode.Live ? new ProgressAwareWriter(stderr, _renderer) : stderr;
    }

    public bool Json { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>How progress is shown on stderr.</summary>
    public ProgressMode ProgressMode => _renderer.Mode;

    /// <summary>The context of a parsed command: <c>--json</c>, <c>--log-format</c>, <c>--log-file</c>, <c>NO_COLOR</c> and
    /// whether stderr is a terminal decide how progress is shown.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="json">Whether <c>--json</c> was given.</param>
    /// <returns>The context (dispose it when the command ends).</returns>
    /// <exception cref="IOException">The log file cannot be opened.</exception>
    public static CliContext Create(ParseResult parse, bool json)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var logJson = parse.GetResult(LogOptions.FormatName) is not null && string.Equals(parse.GetValue<string>(LogOptions.FormatName), LogOptions.Json, StringComparison.Ordinal);
        var logFile = parse.GetResult(LogOptions.FileName) is not null ? parse.GetValue<FileInfo?>(LogOptions.FileName) : null;
        var terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        var mode = ChooseMode(json, logJson, Environment.GetEnvironmentVariable("NO_COLOR"), terminal);
        var command = CommandName(parse);
        CliLog? log = null;
        if (logFile is not null)
        {
            var stream = new FileStream(logFile.FullName, FileMode.Append, FileAccess.Write, FileShare.Read);
            log = new CliLog(new StreamWriter(stream, new System.Text.UTF8Encoding(false)), ownsWriter: true, command, TimeProvider.System);
        }
        else if (logJson)
        {
            log = new CliLog(stderr, ownsWriter: false, command, TimeProvider.System);
        }

        var context = new CliContext(stdout, stderr, json, mode, TimeProvider.System, () => Console.WindowWidth, log);
        log?.Started();
        return context;
    }

    /// <summary>Silent when JSON logs take stderr; plain with <c>--json</c>, a non-empty <c>NO_COLOR</c> or no terminal; live otherwise.</summary>
    /// <param name="json">--json.</param>
    /// <param name="logJson">--log-format json.</param>
    /// <param name="noColor">The NO_COLOR variable.</param>
    /// <param name="stderrIsTerminal">Whether stderr is a terminal.</param>
    /// <returns>The mode.</returns>
    public static ProgressMode ChooseMode(bool json, bool logJson, string? noColor, bool stderrIsTerminal) =>
        logJson ? ProgressMode.Silent
        : json || !string.IsNullOrEmpty(noColor) || !stderrIsTerminal ? ProgressMode.Plain
        : ProgressMode.Live;

    /// <summary>Writes one JSON document to stdout.</summary>
    public void WriteJson(Action<Utf8JsonWriter> body)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        Out.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }

    public void Line(string text)
    {
        if (!Json)
        {
            Out.WriteLine(text);
        }
    }

    /// <summary>The progress sink of this command: the stderr renderer and, when asked for, the log. Thread-safe.</summary>
    public IProgress<WorkProgress> Progress() => _progress;

    /// <summary>A sink for library code that reports a bare count (units done) of a stage with a known total.</summary>
    /// <param name="stage">The stage's text.</param>
    /// <param name="total">Units in all (0: unknown).</param>
    /// <returns>The sink.</returns>
    public IProgress<long> Progress(string stage, long total) => new CountProgress(_progress, stage, total);

    /// <summary>Reports an error: JSON on stdout in JSON mode (with <paramref name="failureCode"/> as <c>failure_code</c>
    /// when given), text on stderr otherwise; returns the exit code.</summary>
    public int Fail(int exitCode, string message, string? failureCode = null)
    {
        _renderer.Complete();
        _log?.Failed(exitCode, failureCode);
        if (Json)
        {
            WriteJson(w =>
            {
                w.WriteString("status", exitCode == ExitCodes.VerificationFailed ? "failed" : "error");
                w.WriteNumber("exit_code", exitCode);
                w.WriteString("error", message);
                if (failureCode is not null)
                {
                    w.WriteString("failure_code", failureCode);
                }
            });
        }
        else
        {
            Error.WriteLine($"error: {message}");
        }

        return exitCode;
    }

    /// <summary>Ends the command's progress (the last stage's line stays) and logs its exit code.</summary>
    /// <param name="exitCode">The exit code.</param>
    public void Finish(int exitCode)
    {
        _renderer.Complete();
        _log?.Finished(exitCode);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _renderer.Complete();
        _log?.Dispose();
    }

    // "round build", "reserves verify": the subcommand path without the root and without any argument.
    private static string CommandName(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.RemoveAt(names.Count - 1);
        names.Reverse();
        return names.Count == 0 ? "por" : string.Join(' ', names);
    }

    private sealed class FanOut(CliContext context) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            context._renderer.Report(value);
            context._log?.Progress(value);
        }
    }

    private sealed class CountProgress(IProgress<WorkProgress> inner, string stage, long total) : IProgress<long>
    {
        public void Report(long value) => inner.Report(new WorkProgress(stage, value, total));
    }
}
