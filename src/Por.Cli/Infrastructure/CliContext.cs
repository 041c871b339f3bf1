// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json;
using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>Where a command writes: human text or one JSON document on stdout, progress and errors on stderr.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, bool json)
{
    private readonly Stopwatch _sinceReport = Stopwatch.StartNew();

    public bool Json { get; } = json;

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

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

    /// <summary>A progress sink that prints at most twice a second to stderr (not in JSON mode).</summary>
    public IProgress<WorkProgress> Progress() => new SyncProgress<WorkProgress>(p =>
    {
        if (Json || _sinceReport.ElapsedMilliseconds < 500)
        {
            return;
        }

        _sinceReport.Restart();
        var text = p.Total > 0 ? $"  {p.Stage}: {p.Done:N0} / {p.Total:N0} ({100 * p.Done / p.Total}%)" : $"  {p.Stage}: {p.Done:N0}";
        Error.WriteLine(text);
    });

    /// <summary>Reports an error: JSON on stdout in JSON mode (with <paramref name="failureCode"/> as <c>failure_code</c>
    /// when given), text on stderr otherwise; returns the exit code.</summary>
    public int Fail(int exitCode, string message, string? failureCode = null)
    {
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

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
