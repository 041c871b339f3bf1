// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>
/// Creates the operator's private files and directories of a zk round: files 0600 and directories 0700 on Unix, so
/// that salts and balances are never readable by other users, whatever the umask.
/// </summary>
internal static class ZkPrivateFiles
{
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates a directory (and its missing parents) 0700; an existing directory is narrowed to 0700.</summary>
    /// <param name="path">The directory.</param>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode700);
        File.SetUnixFileMode(path, DirectoryMode700);
    }

    /// <summary>Creates a new file 0600 for writing (fails if it exists).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The stream.</returns>
    public static FileStream CreateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode600;
        }

        return new FileStream(path, options);
    }
}
