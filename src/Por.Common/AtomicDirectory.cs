// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>
/// Builds a directory under a temporary name beside its destination and renames it into place only when complete,
/// so a failed or interrupted run leaves no partial output at the destination.
/// </summary>
internal sealed class AtomicDirectory : IDisposable
{
    private readonly string _destination;
    private bool _committed;

    public AtomicDirectory(string destination)
    {
        _destination = Path.GetFullPath(destination);
        if (Directory.Exists(_destination) || File.Exists(_destination))
        {
            throw new IOException($"{destination} already exists; choose a new output directory");
        }

        var parent = Path.GetDirectoryName(_destination) ?? ".";
        Directory.CreateDirectory(parent);
        TempPath = Path.Combine(parent, $".{Path.GetFileName(_destination)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(TempPath);
    }

    public string TempPath { get; }

    public void Commit()
    {
        Directory.Move(TempPath, _destination);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(TempPath))
        {
            Directory.Delete(TempPath, recursive: true);
        }
    }
}
