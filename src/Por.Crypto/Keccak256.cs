// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Numerics;

namespace Por.Crypto;

/// <summary>
/// Keccak-256 as used by Ethereum and TRON: Keccak[r=1088, c=512] with the original pad10*1 domain byte 0x01.
/// This is not FIPS-202 SHA3-256, which pads with 0x06 and gives different digests.
/// </summary>
public static class Keccak256
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSizeInBytes = 32;

    private const int RateInBytes = 136;

    private static readonly ulong[] s_roundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
        0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
        0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    private static readonly int[] s_rotations =
    [
        1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
    ];

    private static readonly int[] s_piLanes =
    [
        10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
    ];

    /// <summary>Computes the Keccak-256 digest of <paramref name="source"/>.</summary>
    /// <param name="source">The message.</param>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> source)
    {
        var digest = new byte[HashSizeInBytes];
        Hash(source, digest);
        return digest;
    }

    /// <summary>Computes the Keccak-256 digest of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The message.</param>
    /// <param name="destination">At least 32 bytes.</param>
    /// <returns>The number of bytes written (32).</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public static int Hash(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException("Destination is shorter than 32 bytes.", nameof(destination));
        }

        Span<ulong> state = stackalloc ulong[25];
        state.Clear();
        while (source.Length >= RateInBytes)
        {
            AbsorbBlock(state, source[..RateInBytes]);
            source = source[RateInBytes..];
        }

        Span<byte> last = stackalloc byte[RateInBytes];
        last.Clear();
        source.CopyTo(last);
        last[source.Length] ^= 0x01;
        last[RateInBytes - 1] ^= 0x80;
        AbsorbBlock(state, last);

        for (var i = 0; i < HashSizeInBytes / 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(i * 8)..], state[i]);
        }

        return HashSizeInBytes;
    }

    private static void AbsorbBlock(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < RateInBytes / 8; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        }

        Permute(state);
    }

    private static void Permute(Span<ulong> a)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (var round = 0; round < 24; round++)
        {
            for (var x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            var current = a[1];
            for (var i = 0; i < 24; i++)
            {
                var lane = s_piLanes[i];
                var next = a[lane];
                a[lane] = BitOperations.RotateLeft(current, s_rotations[i]);
                current = next;
            }

            for (var y = 0; y < 25; y += 5)
            {
                var a0 = a[y];
                var a1 = a[y + 1];
                var a2 = a[y + 2];
                var a3 = a[y + 3];
                var a4 = a[y + 4];
                a[y] = a0 ^ (~a1 & a2);
                a[y + 1] = a1 ^ (~a2 & a3);
                a[y + 2] = a2 ^ (~a3 & a4);
                a[y + 3] = a3 ^ (~a4 & a0);
                a[y + 4] = a4 ^ (~a0 & a1);
            }

            a[0] ^= s_roundConstants[round];
        }
    }
}
