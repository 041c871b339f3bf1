// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>Reads a private openings file (docs/formats.md §9.3) one batch at a time, in order.</summary>
internal sealed class ZkOpeningsReader : IDisposable
{
    private readonly Stream _stream;
    private readonly ZkOpeningsFile.Reader _reader;

    /// <exception cref="InvalidDataException">The header is malformed.</exception>
    public ZkOpeningsReader(string path)
    {
        _stream = new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), 1 << 20);
        _reader = new ZkOpeningsFile.Reader(_stream, path);
        try
        {
            Header = ZkOpeningsFile.ReadHeader(_reader);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    public ZkOpeningsHeader Header { get; }

    /// <summary>The index of the next batch <see cref="ReadBatch"/> returns.</summary>
    public int NextBatch { get; private set; }

    /// <summary>Reads the next batch's N leaves (customers' C computed only with <paramref name="commit"/>).</summary>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public ZkOpening[] ReadBatch(bool commit)
    {
        if (NextBatch >= Header.BatchCount)
        {
            throw new InvalidOperationException("no batch left");
        }

        var leaves = new ZkOpening[Header.AccountsPerBatch];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = ZkOpeningsFile.ReadLeaf(_reader, Header.AssetCount, commit);
        }

        NextBatch++;
        return leaves;
    }

    /// <summary>Checks the footer and that nothing follows it (after the last batch).</summary>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public void ReadFooter() => ZkOpeningsFile.ReadFooter(_reader, _stream);

    public void Dispose() => _stream.Dispose();
}
