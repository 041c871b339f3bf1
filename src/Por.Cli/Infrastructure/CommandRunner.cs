// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Common;
using Por.Crypto.Native;
using Por.Reserves.Nodes;

namespace Por.Cli.Infrastructure;

/// <summary>
/// Runs a command body and maps every way it can stop to one exit code and one error report (docs/cli.md, "Exit
/// codes"): the single place where an exception becomes an exit code, so no command crashes with a stack trace and
/// every command reports the same failure the same way, as text on stderr or, with <c>--json</c>, as one JSON document
/// on stdout (<c>status</c>, <c>exit_code</c>, <c>failure_code</c>, <c>error</c>, and <c>file</c>, <c>line</c>,
/// <c>field</c> for located input errors).
/// </summary>
internal static class CommandRunner
{
    /// <summary>The <c>failure_code</c> of a missing native library in <c>--json</c> output.</summary>
    public const string NativeLibraryUnavailableCode = "native_library_unavailable";

    /// <summary>Checks the parsed command's inputs (<see cref="Inputs.Check"/>), then runs <paramref name="body"/>.</summary>
    public static int Run(ParseResult parse, Option<bool> json, Func<CliContext, int> body)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (!TryCreateContext(parse, json, out var context, out var failed))
        {
            return failed;
        }

        using (context)
        {
            var exit = Run(context, ctx =>
            {
                Inputs.Check(parse);
                return body(ctx);
            });
            context.Finish(exit);
            return exit;
        }
    }

    /// <summary>The asynchronous form of <see cref="Run(ParseResult, Option{bool}, Func{CliContext, int})"/>.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Option<bool> json, Func<CliContext, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (!TryCreateContext(parse, json, out var context, out var failed))
        {
            return failed;
        }

        using (context)
        {
            var exit = await RunAsync(context, ctx =>
            {
                Inputs.Check(parse);
                return body(ctx);
            }).ConfigureAwait(false);
            context.Finish(exit);
            return exit;
        }
    }

    /// <summary>Creates the command's context (progress renderer, logs); an unwritable log file is an environment
    /// error reported before any work.</summary>
    private static bool TryCreateContext(ParseResult parse, Option<bool> json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CliContext? context, out int exitCode)
    {
        try
        {
            context = CliContext.Create(parse, parse.GetValue(json));
            exitCode = 0;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context = null;
            var plain = new CliContext(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(json));
            exitCode = Report(plain, ExitCodes.EnvironmentError, CliError.EnvironmentError, "environment error: the log file cannot be opened: " + e.Message);
            return false;
        }
    }

    /// <summary>Runs <paramref name="body"/> with <paramref name="context"/>: only <see cref="InputException"/> is bad input,
    /// <see cref="InvalidDataException"/> a failed check, a missing input, an existing output, a missing native library,
    /// an unreachable node and other I/O an environment error; anything else is a bug in por.</summary>
    public static int Run(CliContext context, Func<CliContext, int> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body(context);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return Fail(context, e);
        }
    }

    /// <summary>The asynchronous form of <see cref="Run(CliContext, Func{CliContext, int})"/>.</summary>
    public static async Task<int> RunAsync(CliContext context, Func<CliContext, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return Fail(context, e);
        }
    }

    /// <summary>The exit code, error kind and message of an exception: the one mapping of docs/cli.md.</summary>
    public static (int ExitCode, CliError Error, string Message) Classify(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (NativeLibraryFailure(e) is { } missing)
        {
            return (ExitCodes.EnvironmentError, CliError.NativeLibraryUnavailable, "environment error: " + missing.Message);
        }

        return e switch
        {
            // Library readers report a missing file as an InputException with this reason; it is the environment.
            InputException { Reason: "file not found" } input => (ExitCodes.EnvironmentError, CliError.FileNotFound, input.Message),
            InputException input => (ExitCodes.InvalidInput, CliError.InvalidInput, input.Message),
            InvalidDataException => (ExitCodes.VerificationFailed, CliError.VerificationFailed, e.Message),
            OutputExistsException => (ExitCodes.EnvironmentError, CliError.OutputExists, e.Message),
            MissingInputException or FileNotFoundException or DirectoryNotFoundException => (ExitCodes.EnvironmentError, CliError.FileNotFound, e.Message),
            HttpRequestException or NodeException => (ExitCodes.EnvironmentError, CliError.NodeUnreachable, "environment error: " + e.Message),
            IOException or UnauthorizedAccessException or DllNotFoundException => (ExitCodes.EnvironmentError, CliError.EnvironmentError, e.Message),

            // Any other exception (ArgumentException included) is a bug: never blame the user's input for it.
            _ => (ExitCodes.InternalError, CliError.InternalError, $"internal error: {e.GetType().Name}: {e.Message} (please report this)"),
        };
    }

    /// <summary>Reports <paramref name="e"/> through <paramref name="context"/> and returns its exit code.</summary>
    public static int Fail(CliContext context, Exception e)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (exitCode, error, message) = Classify(e);
        var file = e switch
        {
            InputException input => input.File,
            MissingInputException missing => missing.Path,
            OutputExistsException exists => exists.Path,
            FileNotFoundException notFound => notFound.FileName,
            _ => null,
        };
        return Report(context, exitCode, error, message, file, e as InputException);
    }

    /// <summary>Reports an error: one line <c>error: …</c> on stderr, or with <c>--json</c> one error document on stdout.</summary>
    public static int Report(CliContext context, int exitCode, CliError error, string message, string? file = null, InputException? located = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        if (!context.Json)
        {
            context.Error.WriteLine($"error: {message}");
            return exitCode;
        }

        context.WriteJson(w =>
        {
            w.WriteString("status", exitCode == ExitCodes.VerificationFailed ? "failed" : "error");
            w.WriteNumber("exit_code", exitCode);
            w.WriteString("failure_code", FailureCodes.Of(error));
            w.WriteString("error", message);
            if (located is not null)
            {
                w.WriteString("file", located.File);
                w.WriteNumber("line", located.Line);
                w.WriteString("field", located.Field);
            }
            else if (file is not null)
            {
                w.WriteString("file", file);
            }
        });
        return exitCode;
    }

    /// <summary>The <see cref="NativeLibraryUnavailableException"/> behind <paramref name="e"/>, also when parallel work
    /// or a type initialiser wrapped it; null when the failure is something else.</summary>
    public static NativeLibraryUnavailableException? NativeLibraryFailure(Exception e) => e switch
    {
        NativeLibraryUnavailableException missing => missing,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(NativeLibraryFailure).FirstOrDefault(m => m is not null),
        TypeInitializationException { InnerException: { } inner } => NativeLibraryFailure(inner),
        _ => null,
    };

    /// <summary>Reports a missing libsecp256k1 or libsodium: exit 3, "environment error: …", and in JSON mode the
    /// failure code <c>native_library_unavailable</c>.</summary>
    public static int FailNativeLibrary(CliContext context, NativeLibraryUnavailableException missing)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(missing);
        return Fail(context, missing);
    }
}
