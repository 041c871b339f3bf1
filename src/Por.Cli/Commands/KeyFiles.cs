// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Commands;

/// <summary>Writes secret key files readable by their owner only.</summary>
internal static class KeyFiles
{
    public static void WriteSecret(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }
}
