// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using Por.Stark.Field;

namespace Por.Stark.Proving;

/// <summary>Reads little-endian primitives, failing (never throwing) on short input.</summary>
internal ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    public ByteReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _offset = 0;
    }

    public readonly int Remaining => _data.Length - _offset;

    public bool TryRead(int count, out ReadOnlySpan<byte> bytes)
    {
        if (count < 0 || count > Remaining)
        {
            bytes = default;
            return false;
        }

        bytes = _data.Slice(_offset, count);
        _offset += count;
        return true;
    }

    public bool TryReadByte(out byte value)
    {
        value = 0;
        if (!TryRead(1, out ReadOnlySpan<byte> b))
        {
            return false;
        }

        value = b[0];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        value = 0;
        if (!TryRead(2, out ReadOnlySpan<byte> b))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt16LittleEndian(b);
        return true;
    }

    public bool TryReadUInt64(out ulong value)
    {
        value = 0;
        if (!TryRead(8, out ReadOnlySpan<byte> b))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(b);
        return true;
    }

    public bool TryReadDigest(out byte[] digest)
    {
        digest = new byte[32];
        if (!TryRead(32, out ReadOnlySpan<byte> b))
        {
            return false;
        }

        b.CopyTo(digest);
        return true;
    }

    public bool TryReadExt(int count, out GoldilocksExt3[] values)
    {
        values = new GoldilocksExt3[count];
        for (int i = 0; i < count; i++)
        {
            if (!TryRead(GoldilocksExt3.SizeInBytes, out ReadOnlySpan<byte> b) || !GoldilocksExt3.TryRead(b, out values[i]))
            {
                return false;
            }
        }

        return true;
    }
}
