// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Common;
using Por.Crypto.Native;

namespace Por.Cli.Infrastructure;

/// <summary>Runs a command body and maps exceptions to por's exit codes, so no command crashes with a stack trace.</summary>
internal static class CommandRunner
{
    public static int Run(ParseResult parse, Option<bool> json, Func<CliContext, int> body)
    {
        CliContext context;
        try
        {
            context = CliContext.Create(parse, parse.GetValue(json));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CliContext(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(json)).Fail(ExitCodes.EnvironmentError, "environment error: the log file cannot be opened: " + e.Message);
        }

        using (context)
        {
            var exit = Run(context, body);
            context.Finish(exit);
            return exit;
        }
    }

    /// <summary>Runs <paramref name="body"/> with <paramref name="context"/>: only <see cref="InputException"/> is bad input,
    /// <see cref="InvalidDataException"/> a failed check, I/O an environment error; anything else is a bug in por.</summary>
    public static int Run(CliContext context, Func<CliContext, int> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body(context);
        }
        catch (Exception e) when (NativeLibraryFailure(e) is { } missing)
        {
            return FailNativeLibrary(context, missing);
        }
        catch (InputException e)
        {
            return context.Fail(ExitCodes.InvalidInput, e.Message);
        }
        catch (InvalidDataException e)
        {
            return context.Fail(ExitCodes.VerificationFailed, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException)
        {
            return context.Fail(ExitCodes.EnvironmentError, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Any other exception (ArgumentException included) is a bug: never blame the user's input for it.
            return context.Fail(ExitCodes.InternalError, $"internal error: {e.GetType().Name}: {e.Message} (please report this)");
        }
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
        return context.Fail(ExitCodes.EnvironmentError, "environment error: " + missing.Message, NativeLibraryUnavailableCode);
    }

    /// <summary>The <c>failure_code</c> of a missing native library in <c>--json</c> output.</summary>
    public const string NativeLibraryUnavailableCode = "native_library_unavailable";
}
