// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>
/// Creates files and directories that only their owner can read (0600 and 0700 on Unix) from the first byte: the mode
/// is given to open(2)/mkdir(2), never applied afterwards with chmod, so no other user can open a private file while
/// it is being written. On Windows the defaults apply (the user's profile ACLs).
/// </summary>
public static class PrivateFiles
{
    /// <summary>The mode of a private file: owner read and write (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The mode of a private directory: owner read, write and search (0700).</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and any missing parent) as 0700; an existing directory is narrowed to 0700.</summary>
    /// <param name="path">The directory.</param>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (Directory.Exists(path))
        {
            File.SetUnixFileMode(path, DirectoryMode);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Options that create a file as 0600.</summary>
    /// <param name="mode">How to open (usually <see cref="System.IO.FileMode.CreateNew"/>).</param>
    /// <param name="access">Access wanted.</param>
    /// <param name="bufferSize">The stream's buffer size.</param>
    /// <param name="options">File options.</param>
    /// <returns>The options.</returns>
    public static FileStreamOptions Options(System.IO.FileMode mode = System.IO.FileMode.CreateNew, FileAccess access = FileAccess.Write, int bufferSize = 1 << 16, FileOptions options = FileOptions.None)
    {
        var result = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, BufferSize = bufferSize, Options = options };
        if (!OperatingSystem.IsWindows() && mode != System.IO.FileMode.Open && mode != System.IO.FileMode.Truncate)
        {
            result.UnixCreateMode = FileMode;
        }

        return result;
    }

    /// <summary>Creates a new private file (0600); fails when it exists.</summary>
    /// <param name="path">The file.</param>
    /// <param name="bufferSize">The stream's buffer size.</param>
    /// <returns>The open stream.</returns>
    public static FileStream Create(string path, int bufferSize = 1 << 16) => new(path, Options(System.IO.FileMode.CreateNew, FileAccess.Write, bufferSize));

    /// <summary>The mode a new directory gets in <paramref name="parent"/> (0777 less the umask), found by creating one:
    /// what a published directory is given once its private contents are in place.</summary>
    /// <param name="parent">The directory in which to probe.</param>
    /// <returns>The mode.</returns>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static UnixFileMode NewDirectoryMode(string parent)
    {
        var probe = TempFiles.Reserve(Path.Combine(parent, "mode-probe"));
        try
        {
            Directory.CreateDirectory(probe);
            return File.GetUnixFileMode(probe);
        }
        finally
        {
            Directory.Delete(probe);
            TempFiles.Release(probe);
        }
    }
}
