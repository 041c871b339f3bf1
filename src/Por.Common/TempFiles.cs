// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Por.Common;

/// <summary>
/// Names, tracks and sweeps the temporary siblings that <see cref="AtomicFile"/> and <see cref="AtomicDirectory"/>
/// write before renaming into place. A temporary is named <c>.NAME.por-tmp-PID-RANDOM</c> in the target's own directory
/// (so the rename never crosses a file system). The first atomic write into a directory in a process removes the
/// temporaries there whose process is no longer running (a kill -9 or power loss left them); temporaries of running
/// processes are never touched. <see cref="DeleteLive"/> removes this process's own temporaries (on SIGINT/SIGTERM).
/// </summary>
public static class TempFiles
{
    private const string Marker = ".por-tmp-";
    private static readonly ConcurrentDictionary<string, byte> s_swept = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte> s_live = new(StringComparer.Ordinal);

    /// <summary>A fresh temporary name beside <paramref name="fullPath"/>; sweeps that directory first (once per process).</summary>
    /// <param name="fullPath">The absolute target path.</param>
    /// <returns>The temporary's absolute path (registered as live until <see cref="Release"/>).</returns>
    public static string Reserve(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        var directory = Path.GetDirectoryName(fullPath) ?? ".";
        SweepOnce(directory);
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var temp = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(fullPath)}{Marker}{Environment.ProcessId}-{random}"));
        s_live[temp] = 0;
        return temp;
    }

    /// <summary>Forgets a temporary that was renamed into place or deleted.</summary>
    /// <param name="temp">The temporary's path.</param>
    public static void Release(string temp) => s_live.TryRemove(temp, out _);

    /// <summary>Deletes every temporary this process still has (files and directories); never throws.</summary>
    public static void DeleteLive()
    {
        foreach (var temp in s_live.Keys)
        {
            TryDelete(temp);
            s_live.TryRemove(temp, out _);
        }
    }

    /// <summary>Removes, in <paramref name="directory"/>, the temporaries of processes that are no longer running.</summary>
    /// <param name="directory">The directory to sweep.</param>
    /// <returns>How many were removed.</returns>
    public static int Sweep(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "." + "*" + Marker + "*"))
        {
            var owner = OwnerOf(Path.GetFileName(entry));
            if (owner is { } pid && pid != Environment.ProcessId && !IsRunning(pid) && TryDelete(entry))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The pid in a temporary's name, or null when the name is not one of ours.</summary>
    /// <param name="name">A file name.</param>
    /// <returns>The pid, or null.</returns>
    public static int? OwnerOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var at = name.LastIndexOf(Marker, StringComparison.Ordinal);
        if (!name.StartsWith('.') || at < 0)
        {
            return null;
        }

        var rest = name.AsSpan(at + Marker.Length);
        var dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    private static void SweepOnce(string directory)
    {
        if (s_swept.TryAdd(directory, 0))
        {
            try
            {
                Sweep(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Sweeping is housekeeping: a directory we cannot list is reported by the write itself.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}"));
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
