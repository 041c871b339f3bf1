// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;

namespace Por.Liabilities.Transparent;

/// <summary>Reads single node records of <c>store/nodes.bin</c> by (level, index), for exporting a proof.</summary>
internal sealed class NodeStoreReader : IDisposable
{
    private readonly FileStream _file;
    private readonly string _path;
    private readonly long _tableStart;
    private readonly long _records;

    public NodeStoreReader(string path)
    {
        _path = path;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        Span<byte> header = stackalloc byte[NodeStoreFormat.HeaderSize];
        Span<byte> footer = stackalloc byte[NodeStoreFormat.FooterSize];
        if (_file.Length < NodeStoreFormat.HeaderSize + NodeStoreFormat.FooterSize)
        {
            _file.Dispose();
            throw new InvalidDataException($"{path}: too short");
        }

        RandomAccess.Read(_file.SafeFileHandle, header, 0);
        RandomAccess.Read(_file.SafeFileHandle, footer, _file.Length - NodeStoreFormat.FooterSize);
        Depth = header[8];
        AssetCount = BinaryPrimitives.ReadUInt16BigEndian(header[10..]);
        _tableStart = BinaryPrimitives.ReadInt64BigEndian(footer);
        _records = Depth <= SumTreeHashing.MaxDepth ? NodeStoreFormat.RecordCount(Depth) : -1;
        if (!header[..8].SequenceEqual(NodeStoreFormat.Magic) || !footer[8..].SequenceEqual(NodeStoreFormat.Magic)
            || header[9] != NodeStoreFormat.FirstStoredLevel || _records < 0
            || _tableStart + (8 * _records) + NodeStoreFormat.FooterSize != _file.Length)
        {
            _file.Dispose();
            throw new InvalidDataException($"{path}: not a por node store of a supported version, or damaged");
        }
    }

    public int Depth { get; }

    public int AssetCount { get; }

    /// <summary>Reads node <paramref name="index"/> at <paramref name="level"/> into its digest and dense sums.</summary>
    public void Read(int level, long index, Span<byte> digest, Span<ulong> sums)
    {
        var record = NodeStoreFormat.RecordIndex(Depth, level, index);
        Span<byte> offsets = stackalloc byte[16];
        var haveNext = record + 1 < _records;
        RandomAccess.Read(_file.SafeFileHandle, offsets[..(haveNext ? 16 : 8)], _tableStart + (8 * record));
        var start = BinaryPrimitives.ReadInt64BigEndian(offsets);
        var end = haveNext ? BinaryPrimitives.ReadInt64BigEndian(offsets[8..]) : _tableStart;
        var length = end - start;
        if (start < NodeStoreFormat.HeaderSize || length < SumTreeHashing.DigestSize + 2 || length > SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(AssetCount))
        {
            throw new InvalidDataException($"{_path}: bad offset for node {index} at level {level}");
        }

        var bytes = new byte[length];
        RandomAccess.Read(_file.SafeFileHandle, bytes, start);
        bytes.AsSpan(0, SumTreeHashing.DigestSize).CopyTo(digest);
        sums.Clear();
        var k = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(SumTreeHashing.DigestSize));
        if (length != SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(k))
        {
            throw new InvalidDataException($"{_path}: node {index} at level {level} has a bad length");
        }

        for (var i = 0; i < k; i++)
        {
            var at = SumTreeHashing.DigestSize + 2 + (10 * i);
            var asset = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));
            if (asset >= sums.Length)
            {
                throw new InvalidDataException($"{_path}: node {index} at level {level} names asset {asset}");
            }

            sums[asset] = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(at + 2));
        }
    }

    public void Dispose() => _file.Dispose();
}
