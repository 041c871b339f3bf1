// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Transparent;

/// <summary>
/// Reads <c>store/leaves.bin</c>, rejecting any record that is not canonical (asset ids strictly increasing and in
/// range, amounts non-zero) and any offset table that does not match the records. Sequential for the auditor,
/// random access by 64-leaf block for exporting one customer's proof.
/// </summary>
internal sealed class LeafStoreReader : ILeafSource, IDisposable
{
    private readonly FileStream _file;
    private readonly string _path;
    private readonly long[] _blockOffsets;
    private readonly long _tableStart;
    private readonly Holding[] _holdings;
    private BufferedStream? _sequential;
    private long _nextLeaf;
    private long _position;

    public LeafStoreReader(string path)
    {
        _path = path;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        try
        {
            Span<byte> header = stackalloc byte[LeafStoreFormat.HeaderSize];
            Span<byte> footer = stackalloc byte[LeafStoreFormat.FooterSize];
            if (_file.Length < LeafStoreFormat.HeaderSize + LeafStoreFormat.FooterSize)
            {
                throw Corrupt("too short");
            }

            RandomAccess.Read(_file.SafeFileHandle, header, 0);
            RandomAccess.Read(_file.SafeFileHandle, footer, _file.Length - LeafStoreFormat.FooterSize);
            if (!header[..8].SequenceEqual(LeafStoreFormat.Magic) || !footer[8..].SequenceEqual(LeafStoreFormat.Magic))
            {
                throw Corrupt("bad magic: not a por leaf store, or an unsupported version");
            }

            LeafCount = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
            AssetCount = BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
            _tableStart = BinaryPrimitives.ReadInt64BigEndian(footer);
            var blocks = LeafCount < 1 ? -1 : LeafStoreFormat.BlockCount(LeafCount);
            if (blocks < 1 || _tableStart < LeafStoreFormat.HeaderSize || _tableStart + (8 * blocks) + LeafStoreFormat.FooterSize != _file.Length)
            {
                throw Corrupt("offset table does not match the leaf count and file size");
            }

            var table = new byte[8 * blocks];
            RandomAccess.Read(_file.SafeFileHandle, table, _tableStart);
            _blockOffsets = new long[blocks];
            for (var i = 0; i < blocks; i++)
            {
                _blockOffsets[i] = BinaryPrimitives.ReadInt64BigEndian(table.AsSpan(8 * i));
            }

            _holdings = new Holding[AssetCount];
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public long LeafCount { get; }

    public int AssetCount { get; }

    /// <summary>Sequential read for the auditor: leaves must be requested in order from 0.</summary>
    public void Fill(LeafBlock block, long firstLeaf, int count)
    {
        if (_sequential is null)
        {
            _file.Position = LeafStoreFormat.HeaderSize;
            _sequential = new BufferedStream(_file, 1 << 20);
            _position = LeafStoreFormat.HeaderSize;
        }

        if (firstLeaf != _nextLeaf)
        {
            throw new InvalidOperationException("leaves must be read in order");
        }

        Span<byte> commitment = stackalloc byte[SumTreeHashing.DigestSize];
        for (var j = 0; j < count; j++)
        {
            var leaf = firstLeaf + j;
            if (leaf % LeafStoreFormat.BlockSize == 0 && _blockOffsets[leaf / LeafStoreFormat.BlockSize] != _position)
            {
                throw Corrupt($"offset table entry {leaf / LeafStoreFormat.BlockSize} does not point at leaf {leaf}");
            }

            var holdings = ReadRecord(_sequential, leaf, commitment);
            block.Add(commitment, holdings);
        }

        _nextLeaf += count;
        if (_nextLeaf == LeafCount && _position != _tableStart)
        {
            throw Corrupt("bytes between the last leaf and the offset table");
        }
    }

    /// <summary>Reads the leaves of one 64-leaf block (random access, for exporting a proof).</summary>
    public void ReadBlock(long blockIndex, LeafBlock block)
    {
        block.Clear();
        var first = blockIndex * LeafStoreFormat.BlockSize;
        var count = (int)Math.Min(LeafStoreFormat.BlockSize, LeafCount - first);
        var end = blockIndex + 1 < _blockOffsets.Length ? _blockOffsets[blockIndex + 1] : _tableStart;
        var bytes = new byte[end - _blockOffsets[blockIndex]];
        RandomAccess.Read(_file.SafeFileHandle, bytes, _blockOffsets[blockIndex]);
        using var ms = new MemoryStream(bytes);
        Span<byte> commitment = stackalloc byte[SumTreeHashing.DigestSize];
        _position = 0;
        for (var j = 0; j < count; j++)
        {
            block.Add(commitment, ReadRecord(ms, first + j, commitment));
        }
    }

    public void Dispose()
    {
        _sequential?.Dispose();
        _file.Dispose();
    }

    private ReadOnlySpan<Holding> ReadRecord(Stream s, long leaf, Span<byte> commitment)
    {
        Span<byte> head = stackalloc byte[SumTreeHashing.DigestSize + 2];
        ReadExactly(s, head, leaf);
        head[..SumTreeHashing.DigestSize].CopyTo(commitment);
        var k = BinaryPrimitives.ReadUInt16BigEndian(head[SumTreeHashing.DigestSize..]);
        if (k > AssetCount)
        {
            throw Corrupt($"leaf {leaf}: {k} holdings but only {AssetCount} assets");
        }

        Span<byte> entry = stackalloc byte[10];
        var previous = -1;
        for (var i = 0; i < k; i++)
        {
            ReadExactly(s, entry, leaf);
            var asset = BinaryPrimitives.ReadUInt16BigEndian(entry);
            var amount = BinaryPrimitives.ReadUInt64BigEndian(entry[2..]);
            if (asset <= previous || asset >= AssetCount || amount == 0)
            {
                throw Corrupt($"leaf {leaf}: holdings not canonical (asset ids must increase and exist, amounts be non-zero)");
            }

            previous = asset;
            _holdings[i] = new Holding(asset, amount);
        }

        _position += head.Length + (10 * k);
        return _holdings.AsSpan(0, k);
    }

    private void ReadExactly(Stream s, Span<byte> buffer, long leaf)
    {
        if (s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length)
        {
            throw Corrupt($"leaf {leaf}: truncated record");
        }
    }

    private InvalidDataException Corrupt(string reason) => new($"{_path}: {reason}");
}
