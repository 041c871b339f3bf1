// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Liabilities.Zk;

/// <summary>
/// Writes a private openings file (docs/formats.md §9.3) batch by batch into a hidden temporary sibling (0600) that
/// <see cref="Commit"/> renames into place, so a reader never sees a partial file and the writer holds one batch at most.
/// Disposing without committing deletes the temporary file.
/// </summary>
internal sealed class ZkOpeningsWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly ZkOpeningsHeader _header;
    private readonly FileStream _file;
    private readonly BufferedStream _buffered;
    private int _written;
    private bool _committed;

    public ZkOpeningsWriter(string path, ZkOpeningsHeader header)
    {
        _header = header;
        _path = Path.GetFullPath(path);
        _temp = Path.Combine(Path.GetDirectoryName(_path) ?? ".", $".{Path.GetFileName(_path)}.tmp-{Guid.NewGuid():N}");
        _file = PrivateFiles.Create(_temp);
        _buffered = new BufferedStream(_file, 1 << 20);
        ZkOpeningsFile.WriteHeader(_buffered, header);
    }

    /// <summary>Appends the next batch (exactly N leaves).</summary>
    public void AppendBatch(IReadOnlyList<ZkOpening> leaves)
    {
        if (leaves.Count != _header.AccountsPerBatch || _written == _header.BatchCount)
        {
            throw new ArgumentException("Every batch must hold exactly N leaves, and there are B batches.", nameof(leaves));
        }

        foreach (var leaf in leaves)
        {
            ZkOpeningsFile.WriteLeaf(_buffered, leaf);
        }

        _written++;
    }

    /// <summary>Writes the footer, flushes to disk and renames the file into place.</summary>
    public void Commit()
    {
        if (_written != _header.BatchCount)
        {
            throw new InvalidOperationException($"{_written} of {_header.BatchCount} batches written");
        }

        ZkOpeningsFile.WriteFooter(_buffered);
        _buffered.Flush();
        _file.Flush(flushToDisk: true);
        _buffered.Dispose();
        File.Move(_temp, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        _buffered.Dispose();
        if (!_committed && File.Exists(_temp))
        {
            File.Delete(_temp);
        }
    }
}
