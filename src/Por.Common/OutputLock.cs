// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Common;

/// <summary>
/// An exclusive, OS-level lock on an output path, so that two builds into one <c>--out</c> cannot run at once. The
/// lock is an advisory <c>flock(LOCK_EX)</c> (Windows: a share-none open) on <c>.NAME.lock</c> beside the output: the
/// kernel releases it when the holder's process ends in any way (kill -9 included), so a crash never leaves a stale
/// lock. The lock file itself stays (an empty 0600 file; deleting it while a build runs would let a second build
/// lock a new file, so por never deletes it). The holder's pid is written to <c>.NAME.lock.pid</c> for the refusal
/// message only; that file is informational and deleted on release.
/// </summary>
public sealed class OutputLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _pidFile;

    private OutputLock(FileStream handle, string pidFile)
    {
        _lock = handle;
        _pidFile = pidFile;
    }

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
        FileStream handle;
        try
        {
            handle = new FileStream(path, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, 1));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new OutputLockedException(outputPath, path, ReadPid(pidFile), e);
        }

        try
        {
            File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The pid file only improves the message another build prints; the lock itself is held.
        }

        return new OutputLock(handle, pidFile);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_pidFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Informational only (see the class remarks).
        }

        _lock.Dispose();
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
