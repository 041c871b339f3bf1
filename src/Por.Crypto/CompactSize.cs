// SPDX-License-Identifier: Apache-2.0

namespace Por.Crypto;

/// <summary>Bitcoin's variable-length integer (CompactSize) encoding.</summary>
public static class CompactSize
{
    /// <summary>Appends the CompactSize encoding of <paramref name="value"/> to <paramref name="output"/>.</summary>
    /// <param name="output">The buffer to append to.</param>
    /// <param name="value">The value.</param>
    public static void Write(ICollection<byte> output, ulong value)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value < 0xfd)
        {
            output.Add(unchecked((byte)value));
            return;
        }

        int width;
        if (value <= 0xffff)
        {
            output.Add(0xfd);
            width = 2;
        }
        else if (value <= 0xffffffff)
        {
            output.Add(0xfe);
            width = 4;
        }
        else
        {
            output.Add(0xff);
            width = 8;
        }

        for (var i = 0; i < width; i++)
        {
            output.Add(unchecked((byte)(value >> (8 * i))));
        }
    }

    /// <summary>Reads a canonical (minimally encoded) CompactSize value.</summary>
    /// <param name="data">The input.</param>
    /// <param name="offset">Position; advanced past the value on success.</param>
    /// <param name="value">The value.</param>
    /// <returns>False when truncated or not minimally encoded.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, ref int offset, out ulong value)
    {
        value = 0;
        if (offset >= data.Length)
        {
            return false;
        }

        var first = data[offset];
        var width = first switch
        {
            0xfd => 2,
            0xfe => 4,
            0xff => 8,
            _ => 0,
        };
        if (width == 0)
        {
            value = first;
            offset++;
            return true;
        }

        if (offset + 1 + width > data.Length)
        {
            return false;
        }

        ulong result = 0;
        for (var i = 0; i < width; i++)
        {
            result |= (ulong)data[offset + 1 + i] << (8 * i);
        }

        var minimum = width switch
        {
            2 => 0xfdUL,
            4 => 0x10000UL,
            _ => 0x100000000UL,
        };
        if (result < minimum)
        {
            return false;
        }

        value = result;
        offset += 1 + width;
        return true;
    }
}
