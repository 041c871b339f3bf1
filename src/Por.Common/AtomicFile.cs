// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so readers never see a partial file: the content goes to
/// <c>.NAME.por-tmp-PID-RANDOM</c> in the target's directory, is flushed to disk, then renamed over the target. A
/// failure or cancellation deletes the temporary; a kill -9 can leave it, and the next atomic write into that
/// directory (any por command) removes it once its process is gone (<see cref="TempFiles"/>).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically, replacing an existing file.</summary>
    /// <param name="path">The destination.</param>
    /// <param name="bytes">The content.</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => Write(path, bytes, privateFile: false, overwrite: true);

    /// <summary>Writes a private file (0600 from its first byte) atomically, replacing an existing file.</summary>
    /// <param name="path">The destination.</param>
    /// <param name="bytes">The content.</param>
    public static void WritePrivate(string path, ReadOnlySpan<byte> bytes) => Write(path, bytes, privateFile: true, overwrite: true);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The destination.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="privateFile">Create the file 0600 (owner only).</param>
    /// <param name="overwrite">Replace an existing file; when false an existing file makes this throw <see cref="IOException"/>.</param>
    public static void Write(string path, ReadOnlySpan<byte> bytes, bool privateFile, bool overwrite)
    {
        var full = Path.GetFullPath(path);
        var temp = TempFiles.Reserve(full);
        try
        {
            using (var f = Open(temp, privateFile))
            {
                f.Write(bytes);
                f.Flush(flushToDisk: true);
            }

            Commit(temp, full, overwrite);
        }
        finally
        {
            Cleanup(temp);
        }
    }

    /// <summary>Writes a file atomically by streaming: <paramref name="write"/> fills the temporary, which is then renamed into place.</summary>
    /// <param name="path">The destination.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="privateFile">Create the file 0600 (owner only).</param>
    /// <param name="overwrite">Replace an existing file.</param>
    public static void Write(string path, Action<Stream> write, bool privateFile, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temp = TempFiles.Reserve(full);
        try
        {
            using (var f = Open(temp, privateFile))
            {
                write(f);
                f.Flush(flushToDisk: true);
            }

            Commit(temp, full, overwrite);
        }
        finally
        {
            Cleanup(temp);
        }
    }

    private static FileStream Open(string temp, bool privateFile) =>
        privateFile ? new FileStream(temp, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, 1 << 16))
            : new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    private static void Commit(string temp, string full, bool overwrite)
    {
        if (!overwrite && (File.Exists(full) || Directory.Exists(full)))
        {
            throw new IOException($"{full} already exists");
        }

        File.Move(temp, full, overwrite);
    }

    private static void Cleanup(string temp)
    {
        try
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
        finally
        {
            TempFiles.Release(temp);
        }
    }
}
