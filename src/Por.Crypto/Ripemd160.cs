// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Numerics;

namespace Por.Crypto;

/// <summary>RIPEMD-160 (Dobbertin, Bosselaers, Preneel 1996), needed for Bitcoin's HASH160; .NET on Linux has none.</summary>
public static class Ripemd160
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSizeInBytes = 20;

    private static readonly int[] s_leftWords =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
        3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12,
        1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
        4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13,
    ];

    private static readonly int[] s_rightWords =
    [
        5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12,
        6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
        15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13,
        8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
        12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
    ];

    private static readonly int[] s_leftShifts =
    [
        11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8,
        7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
        11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5,
        11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
        9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
    ];

    private static readonly int[] s_rightShifts =
    [
        8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6,
        9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
        9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5,
        15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
        8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
    ];

    private static readonly uint[] s_leftConstants = [0x00000000, 0x5A827999, 0x6ED9EBA1, 0x8F1BBCDC, 0xA953FD4E];
    private static readonly uint[] s_rightConstants = [0x50A28BE6, 0x5C4DD124, 0x6D703EF3, 0x7A6D76E9, 0x00000000];

    /// <summary>Computes the RIPEMD-160 digest of <paramref name="source"/>.</summary>
    /// <param name="source">The message.</param>
    /// <returns>A new 20-byte array.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> source)
    {
        var digest = new byte[HashSizeInBytes];
        Hash(source, digest);
        return digest;
    }

    /// <summary>Computes the RIPEMD-160 digest of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The message.</param>
    /// <param name="destination">At least 20 bytes.</param>
    /// <returns>The number of bytes written (20).</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 20 bytes.</exception>
    public static int Hash(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException("Destination is shorter than 20 bytes.", nameof(destination));
        }

        Span<uint> h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
        var totalBits = unchecked((ulong)source.Length * 8);
        while (source.Length >= 64)
        {
            Compress(h, source[..64]);
            source = source[64..];
        }

        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        source.CopyTo(tail);
        tail[source.Length] = 0x80;
        var tailLength = source.Length + 9 <= 64 ? 64 : 128;
        BinaryPrimitives.WriteUInt64LittleEndian(tail[(tailLength - 8)..], totalBits);
        Compress(h, tail[..64]);
        if (tailLength == 128)
        {
            Compress(h, tail[64..]);
        }

        for (var i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(i * 4)..], h[i]);
        }

        return HashSizeInBytes;
    }

    private static uint F(int round, uint x, uint y, uint z) => round switch
    {
        0 => x ^ y ^ z,
        1 => (x & y) | (~x & z),
        2 => (x | ~y) ^ z,
        3 => (x & z) | (y & ~z),
        _ => x ^ (y | ~z),
    };

    private static void Compress(Span<uint> h, ReadOnlySpan<byte> block)
    {
        Span<uint> x = stackalloc uint[16];
        for (var i = 0; i < 16; i++)
        {
            x[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(i * 4)..]);
        }

        uint al = h[0], bl = h[1], cl = h[2], dl = h[3], el = h[4];
        uint ar = h[0], br = h[1], cr = h[2], dr = h[3], er = h[4];
        for (var j = 0; j < 80; j++)
        {
            var round = j / 16;
            var t = unchecked(BitOperations.RotateLeft(al + F(round, bl, cl, dl) + x[s_leftWords[j]] + s_leftConstants[round], s_leftShifts[j]) + el);
            al = el;
            el = dl;
            dl = BitOperations.RotateLeft(cl, 10);
            cl = bl;
            bl = t;

            t = unchecked(BitOperations.RotateLeft(ar + F(4 - round, br, cr, dr) + x[s_rightWords[j]] + s_rightConstants[round], s_rightShifts[j]) + er);
            ar = er;
            er = dr;
            dr = BitOperations.RotateLeft(cr, 10);
            cr = br;
            br = t;
        }

        var temp = unchecked(h[1] + cl + dr);
        h[1] = unchecked(h[2] + dl + er);
        h[2] = unchecked(h[3] + el + ar);
        h[3] = unchecked(h[4] + al + br);
        h[4] = unchecked(h[0] + bl + cr);
        h[0] = temp;
    }
}
