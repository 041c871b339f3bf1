// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>
/// Builds a directory under a temporary name beside its destination (<c>.NAME.por-tmp-PID-RANDOM</c>, see
/// <see cref="TempFiles"/>) and renames it into place only when complete, so a failed or interrupted run leaves no
/// partial output at the destination. The temporary is created 0700 when it will hold private files.
/// </summary>
internal sealed class AtomicDirectory : IDisposable
{
    private readonly string _destination;
    private readonly bool _private;
    private bool _committed;

    public AtomicDirectory(string destination, bool privateDirectory = false)
    {
        _destination = Path.GetFullPath(destination);
        if (Directory.Exists(_destination) || File.Exists(_destination))
        {
            throw new IOException($"{destination} already exists; choose a new output directory");
        }

        var parent = Path.GetDirectoryName(_destination) ?? ".";
        Directory.CreateDirectory(parent);
        _private = privateDirectory;
        TempPath = TempFiles.Reserve(_destination);
        if (privateDirectory)
        {
            PrivateFiles.CreateDirectory(TempPath);
        }
        else
        {
            Directory.CreateDirectory(TempPath);
        }
    }

    public string TempPath { get; }

    /// <summary>Renames the directory into place; a private temporary first gets the mode a new directory would have
    /// (the umask applies), since only its private subdirectories must stay 0700.</summary>
    public void Commit()
    {
        if (_private && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(TempPath, PrivateFiles.NewDirectoryMode(Path.GetDirectoryName(_destination) ?? "."));
        }

        Directory.Move(TempPath, _destination);
        _committed = true;
        TempFiles.Release(TempPath);
    }

    public void Dispose()
    {
        try
        {
            if (!_committed && Directory.Exists(TempPath))
            {
                Directory.Delete(TempPath, recursive: true);
            }
        }
        finally
        {
            TempFiles.Release(TempPath);
        }
    }
}
