// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;
using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>
/// SIGINT and SIGTERM (Ctrl+C and Ctrl+Break on Windows) stop por cleanly. A command that observes
/// <see cref="Token"/> (round build, both modes) is cancelled and unwinds: its temporary files and directories are
/// deleted and a zk build's resumable work directory is kept (private). Any other command, or one that has not
/// stopped within <see cref="GracePeriod"/>, is ended after this process's temporaries are deleted. The exit code is
/// 130 after SIGINT and 143 after SIGTERM (128 + the signal number), whatever the command was doing.
/// </summary>
internal static class ShutdownSignals
{
    /// <summary>How long a cancelled command may take to unwind before the process is ended.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    private static readonly CancellationTokenSource s_source = new();
    private static int s_exitCode;
    private static int s_observed;
    private static int s_normalStop;

    /// <summary>Cancelled when SIGINT or SIGTERM arrives; reading it marks the command as one that stops cooperatively.</summary>
    public static CancellationToken Token
    {
        get
        {
            Volatile.Write(ref s_observed, 1);
            return s_source.Token;
        }
    }

    /// <summary>
    /// Marks the running command as a service for which SIGINT/SIGTERM is the normal way to stop (<c>por token
    /// monitor</c>): after it has unwound, the process exits with the command's own code (0), not 130/143.
    /// </summary>
    public static void StopIsNormal() => Volatile.Write(ref s_normalStop, 1);

    /// <summary>130 or 143 once a signal has arrived, else null.</summary>
    public static int? ExitCode => Volatile.Read(ref s_exitCode) is var c && c != 0 ? c : null;

    /// <summary>Installs the handlers (the process's entry point only; tests run commands in-process without them).</summary>
    /// <returns>Disposing removes the handlers.</returns>
    public static IDisposable Register()
    {
        var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        return new Registrations(interrupt, terminate);
    }

    /// <summary>The exit code to return: <paramref name="exit"/>, or 130/143 with a one-line note after a signal.</summary>
    /// <param name="exit">The command's exit code.</param>
    /// <param name="stderr">Where the note goes.</param>
    /// <returns>The process exit code.</returns>
    public static int Finish(int exit, TextWriter stderr)
    {
        if (ExitCode is not { } code || Volatile.Read(ref s_normalStop) == 1)
        {
            return exit;
        }

        TempFiles.DeleteLive();
        stderr.WriteLine($"interrupted by {SignalName(code)}: stopped; temporary files removed");
        return code;
    }

    private static string SignalName(int code) => code == 130 ? "SIGINT" : "SIGTERM";

    private static void Handle(PosixSignalContext context)
    {
        // por exits by itself (below), with its own exit code.
        context.Cancel = true;
        var code = context.Signal == PosixSignal.SIGINT ? 130 : 143;
        if (Interlocked.CompareExchange(ref s_exitCode, code, 0) != 0 || Volatile.Read(ref s_observed) == 0)
        {
            // A second signal, or a command that cannot be cancelled: stop now.
            Stop(Volatile.Read(ref s_exitCode));
            return;
        }

        s_source.Cancel();
        _ = Task.Run(async () =>
        {
            await Task.Delay(GracePeriod).ConfigureAwait(false);
            Stop(code);
        });
    }

    private static void Stop(int code)
    {
        TempFiles.DeleteLive();
        Console.Error.WriteLine($"interrupted by {SignalName(code)}: stopped; temporary files removed");
        Environment.Exit(code);
    }

    private sealed class Registrations(PosixSignalRegistration interrupt, PosixSignalRegistration terminate) : IDisposable
    {
        public void Dispose()
        {
            interrupt.Dispose();
            terminate.Dispose();
        }
    }
}
