// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Common;

/// <summary>
/// An exclusive, OS-level lock on an output path, so that two builds into one <c>--out</c> cannot run at once. The
/// lock is an advisory <c>flock(LOCK_EX)</c> (Windows: a share-none open) on <c>.NAME.lock</c> beside the output: the
/// kernel releases it when the holder's process ends in any way (kill -9 included), so a crash never leaves a stale
/// lock, only an empty file that the next build reuses. The holder's pid is written to <c>.NAME.lock.pid</c> for the
/// refusal message only.
/// </summary>
/// <remarks>
/// On Linux the holder deletes both files while still holding the lock, and a process that locks a file checks, through
/// <c>/proc/self/fd</c>, that it is still linked (it may have opened the file just before the previous holder deleted
/// it) and otherwise tries again, so two processes never hold locks on two different files of one name. Where that check
/// is not available (macOS, Windows) the lock file is kept.
/// </remarks>
public sealed class OutputLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _path;
    private readonly string _pidFile;

    private OutputLock(FileStream handle, string path, string pidFile)
    {
        _lock = handle;
        _path = path;
        _pidFile = pidFile;
    }

    /// <summary>Whether this platform can tell a deleted lock file from a linked one (and so may delete it).</summary>
    private static bool CanDelete { get; } = OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd");

    /// <summary>The lock file guarding <paramref name="outputPath"/>.</summary>
    /// <param name="outputPath">The output file or directory.</param>
    /// <returns>The absolute path of <c>.NAME.lock</c> beside it.</returns>
    public static string LockPath(string outputPath)
    {
        ArgumentNullException.ThrowIfNull(outputPath);
        var full = Path.GetFullPath(outputPath).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>Takes the lock on <paramref name="outputPath"/> without waiting.</summary>
    /// <param name="outputPath">The output file or directory (need not exist; its parent is created).</param>
    /// <returns>The held lock; dispose it to release.</returns>
    /// <exception cref="OutputLockedException">Another process (or another build in this process) holds the lock.</exception>
    public static OutputLock Acquire(string outputPath)
    {
        var path = LockPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var pidFile = path + ".pid";
        FileStream? handle = null;
        for (var attempt = 0; handle is null; attempt++)
        {
            try
            {
                handle = new FileStream(path, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, 1));
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                throw new OutputLockedException(outputPath, path, ReadPid(pidFile), e);
            }

            if (CanDelete && IsUnlinked(handle))
            {
                // The previous holder deleted the file between our open and our lock: lock the current file instead.
                handle.Dispose();
                handle = null;
                if (attempt >= 100)
                {
                    throw new IOException($"could not lock {path}: it keeps being deleted");
                }
            }
        }

        try
        {
            File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The pid file only improves the message another build prints; the lock itself is held.
        }

        return new OutputLock(handle, path, pidFile);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_pidFile);
            if (CanDelete)
            {
                // Deleted while still locked: see the remarks.
                File.Delete(_path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Informational only (see the class remarks).
        }

        _lock.Dispose();
    }

    private static bool IsUnlinked(FileStream handle)
    {
        var fd = handle.SafeFileHandle.DangerousGetHandle();
        var target = new FileInfo(string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{fd}")).LinkTarget;
        return target is null || target.EndsWith(" (deleted)", StringComparison.Ordinal);
    }

    private static int? ReadPid(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
