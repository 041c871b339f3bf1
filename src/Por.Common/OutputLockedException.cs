// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>Another process holds the lock on an output path (<see cref="OutputLock"/>): an environment error (exit 3).</summary>
public sealed class OutputLockedException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="output">The output path asked for.</param>
    /// <param name="lockFile">The lock file that is held.</param>
    /// <param name="holderPid">The holder's pid when known.</param>
    /// <param name="innerException">The failed open.</param>
    public OutputLockedException(string output, string lockFile, int? holderPid, Exception? innerException)
        : base(Format(output, lockFile, holderPid), innerException)
    {
        Output = output;
        LockFile = lockFile;
        HolderPid = holderPid;
    }

    /// <summary>Creates the exception.</summary>
    public OutputLockedException() : this("", "", null, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public OutputLockedException(string message) : base(message)
    {
        Output = "";
        LockFile = "";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OutputLockedException(string message, Exception innerException) : base(message, innerException)
    {
        Output = "";
        LockFile = "";
    }

    /// <summary>The output path asked for.</summary>
    public string Output { get; }

    /// <summary>The lock file that is held.</summary>
    public string LockFile { get; }

    /// <summary>The pid of the process holding the lock, when known.</summary>
    public int? HolderPid { get; }

    private static string Format(string output, string lockFile, int? pid) =>
        $"{output} is being written by another por process ({(pid is { } p ? $"pid {p}" : "pid unknown")}, lock {lockFile}); wait for it to finish or choose another output";
}
