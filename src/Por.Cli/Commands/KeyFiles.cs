// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Commands;

/// <summary>Writes secret key files readable by their owner only.</summary>
internal static class KeyFiles
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically (a 0600 sibling, then a rename
    /// over any existing file: the caller has applied the overwrite rule).</summary>
    public static void WriteSecret(string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
