// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;

namespace Por.Liabilities.Transparent;

/// <summary>Writes <c>store/leaves.bin</c> (see <see cref="LeafStoreFormat"/>).</summary>
internal sealed class LeafStoreWriter
{
    private readonly Stream _output;
    private readonly List<long> _blockOffsets = [];
    private readonly byte[] _record;
    private long _position;
    private long _written;

    public LeafStoreWriter(Stream output, long leafCount, int assetCount)
    {
        _output = output;
        _record = new byte[SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(assetCount)];
        Span<byte> header = stackalloc byte[LeafStoreFormat.HeaderSize];
        LeafStoreFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64BigEndian(header[8..], leafCount);
        BinaryPrimitives.WriteUInt16BigEndian(header[16..], (ushort)assetCount);
        output.Write(header);
        _position = LeafStoreFormat.HeaderSize;
    }

    public void Write(LeafBlock block)
    {
        for (var i = 0; i < block.Count; i++)
        {
            if (_written % LeafStoreFormat.BlockSize == 0)
            {
                _blockOffsets.Add(_position);
            }

            block.Commitment(i).CopyTo(_record);
            var n = SumTreeHashing.DigestSize + SumTreeHashing.WriteSums(block.Holdings(i), _record.AsSpan(SumTreeHashing.DigestSize));
            _output.Write(_record, 0, n);
            _position += n;
            _written++;
        }
    }

    public void Complete()
    {
        var tableStart = _position;
        Span<byte> entry = stackalloc byte[8];
        foreach (var offset in _blockOffsets)
        {
            BinaryPrimitives.WriteInt64BigEndian(entry, offset);
            _output.Write(entry);
        }

        Span<byte> footer = stackalloc byte[LeafStoreFormat.FooterSize];
        BinaryPrimitives.WriteInt64BigEndian(footer, tableStart);
        LeafStoreFormat.Magic.CopyTo(footer[8..]);
        _output.Write(footer);
    }
}
