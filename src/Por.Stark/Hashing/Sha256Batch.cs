// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace Por.Stark.Hashing;

/// <summary>
/// SHA-256 of many short messages at once. On AVX-512 machines sixteen messages share each vector instruction
/// (multi-buffer SHA-256); elsewhere, and for leftovers, each message goes through the BCL's SHA-256. Measured here
/// the BCL costs 1–5 µs per call on CPUs without SHA extensions, which made per-leaf hashing the whole cost of a round.
/// Results are identical on every path (tested against <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>).
/// </summary>
public static class Sha256Batch
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSizeInBytes = 32;

    private const int Lanes = 16;

    // Messages up to 64 blocks (4,087 bytes) take the vector path; longer ones go to the BCL one at a time.
    private const int MaxBlocks = 64;

    private static readonly uint[] s_k =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] s_initial = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>Whether the 16-lane vector path is used on this machine.</summary>
    public static bool IsVectorized => Avx512F.IsSupported && Avx512BW.IsSupported;

    /// <summary>Hashes messages laid end to end in <paramref name="messages"/>.</summary>
    /// <param name="messages">All messages, concatenated.</param>
    /// <param name="ends">The exclusive end offset of each message in <paramref name="messages"/>.</param>
    /// <param name="digests">Receives 32 bytes per message, in order.</param>
    /// <exception cref="ArgumentException"><paramref name="digests"/> is too small or an offset is out of range.</exception>
    public static void Hash(ReadOnlySpan<byte> messages, ReadOnlySpan<int> ends, Span<byte> digests)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digests.Length, ends.Length * HashSizeInBytes, nameof(digests));
        if (!IsVectorized || ends.Length < 2)
        {
            HashScalar(messages, ends, digests);
            return;
        }

        HashVectorized(messages, ends, digests);
    }

    /// <summary>The scalar path: one BCL call per message (the reference the vector path is tested against).</summary>
    /// <param name="messages">All messages, concatenated.</param>
    /// <param name="ends">The exclusive end offset of each message.</param>
    /// <param name="digests">Receives 32 bytes per message.</param>
    public static void HashScalar(ReadOnlySpan<byte> messages, ReadOnlySpan<int> ends, Span<byte> digests)
    {
        var start = 0;
        for (var i = 0; i < ends.Length; i++)
        {
            SHA256.HashData(messages[start..ends[i]], digests.Slice(i * HashSizeInBytes, HashSizeInBytes));
            start = ends[i];
        }
    }

    private static int BlocksFor(int length) => (length + 9 + 63) / 64;

    private static void HashVectorized(ReadOnlySpan<byte> messages, ReadOnlySpan<int> ends, Span<byte> digests)
    {
        // Messages go to buckets by padded block count; a full bucket of 16 is hashed at once. Longer messages
        // (Merkle leaves of wide traces) take the vector path too, up to MaxBlocks blocks.
        var maxBlocks = 0;
        var previous = 0;
        for (var i = 0; i < ends.Length; i++)
        {
            maxBlocks = Math.Max(maxBlocks, Math.Min(MaxBlocks, BlocksFor(ends[i] - previous)));
            previous = ends[i];
        }

        Span<int> bucketFill = stackalloc int[maxBlocks + 1];
        var bucketItems = ArrayPool<int>.Shared.Rent((maxBlocks + 1) * Lanes);
        var padded = ArrayPool<byte>.Shared.Rent(Lanes * maxBlocks * 64);
        try
        {
            var start = 0;
            for (var i = 0; i < ends.Length; i++)
            {
                var length = ends[i] - start;
                var blocks = BlocksFor(length);
                if (blocks > MaxBlocks)
                {
                    SHA256.HashData(messages.Slice(start, length), digests.Slice(i * HashSizeInBytes, HashSizeInBytes));
                }
                else
                {
                    bucketItems[(blocks * Lanes) + bucketFill[blocks]++] = i;
                    if (bucketFill[blocks] == Lanes)
                    {
                        HashLanes(messages, ends, bucketItems.AsSpan(blocks * Lanes, Lanes), blocks, padded, digests);
                        bucketFill[blocks] = 0;
                    }
                }

                start = ends[i];
            }

            // Leftovers: one 16-lane run costs about as much as a single BCL call, so from two messages on the vector
            // path is cheaper; spare lanes repeat the last message and write the same digest again.
            for (var b = 1; b <= maxBlocks; b++)
            {
                var fill = bucketFill[b];
                var bucket = bucketItems.AsSpan(b * Lanes, Lanes);
                if (fill >= 2)
                {
                    bucket[fill..].Fill(bucket[fill - 1]);
                    HashLanes(messages, ends, bucket, b, padded, digests);
                }
                else if (fill == 1)
                {
                    var i = bucket[0];
                    var s = i == 0 ? 0 : ends[i - 1];
                    SHA256.HashData(messages[s..ends[i]], digests.Slice(i * HashSizeInBytes, HashSizeInBytes));
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(bucketItems);
            ArrayPool<byte>.Shared.Return(padded);
        }
    }

    [SkipLocalsInit]
    private static unsafe void HashLanes(ReadOnlySpan<byte> messages, ReadOnlySpan<int> ends, ReadOnlySpan<int> items, int blocks, byte[] padded, Span<byte> digests)
    {
        var stride = blocks * 64;
        for (var l = 0; l < Lanes; l++)
        {
            var i = items[l];
            var s = i == 0 ? 0 : ends[i - 1];
            var length = ends[i] - s;
            var lane = padded.AsSpan(l * stride, stride);
            messages.Slice(s, length).CopyTo(lane);
            lane[length] = 0x80;
            lane[(length + 1)..^8].Clear();
            BinaryPrimitives.WriteUInt64BigEndian(lane[^8..], (ulong)length * 8);
        }

        var state = stackalloc Vector512<uint>[8];
        for (var j = 0; j < 8; j++)
        {
            state[j] = Vector512.Create(s_initial[j]);
        }

        var w = stackalloc Vector512<uint>[64];
        var rows = stackalloc Vector512<uint>[Lanes];
        var byteSwap = ByteSwapMask();
        fixed (byte* basePtr = padded)
        fixed (uint* k = s_k)
        {
            for (var block = 0; block < blocks; block++)
            {
                // Row l is lane l's block; transposed, vector t holds word t of every lane.
                for (var l = 0; l < Lanes; l++)
                {
                    rows[l] = Avx512BW.Shuffle(Vector512.Load(basePtr + (l * stride) + (block * 64)), byteSwap).AsUInt32();
                }

                Transpose16(rows, w);
                for (var t = 16; t < 64; t++)
                {
                    var x = w[t - 15];
                    var y = w[t - 2];
                    var s0 = Avx512F.TernaryLogic(Avx512F.RotateRight(x, 7), Avx512F.RotateRight(x, 18), Avx512F.ShiftRightLogical(x, 3), 0x96);
                    var s1 = Avx512F.TernaryLogic(Avx512F.RotateRight(y, 17), Avx512F.RotateRight(y, 19), Avx512F.ShiftRightLogical(y, 10), 0x96);
                    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
                }

                Compress(state, w, k);
            }
        }

        // Back to one row per lane: rows 0–7 are the state words, 8–15 unused.
        for (var j = 0; j < 8; j++)
        {
            rows[j] = state[j];
            rows[j + 8] = Vector512<uint>.Zero;
        }

        Transpose16(rows, w);
        Span<byte> digest = stackalloc byte[64];
        for (var l = 0; l < Lanes; l++)
        {
            Avx512BW.Shuffle(w[l].AsByte(), byteSwap).CopyTo(digest);
            digest[..HashSizeInBytes].CopyTo(digests.Slice(items[l] * HashSizeInBytes, HashSizeInBytes));
        }
    }

    private static Vector512<byte> ByteSwapMask() => Vector512.Create(
        (byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
        3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    /// <summary>Transposes a 16×16 matrix of 32-bit words held as 16 vectors (unpack, then 128-bit lane shuffles).</summary>
    private static unsafe void Transpose16(Vector512<uint>* r, Vector512<uint>* output)
    {
        var t = stackalloc Vector512<uint>[16];
        for (var i = 0; i < 16; i += 2)
        {
            t[i] = Avx512F.UnpackLow(r[i], r[i + 1]);
            t[i + 1] = Avx512F.UnpackHigh(r[i], r[i + 1]);
        }

        var u = stackalloc Vector512<uint>[16];
        for (var i = 0; i < 16; i += 4)
        {
            u[i] = Avx512F.UnpackLow(t[i].AsUInt64(), t[i + 2].AsUInt64()).AsUInt32();
            u[i + 1] = Avx512F.UnpackHigh(t[i].AsUInt64(), t[i + 2].AsUInt64()).AsUInt32();
            u[i + 2] = Avx512F.UnpackLow(t[i + 1].AsUInt64(), t[i + 3].AsUInt64()).AsUInt32();
            u[i + 3] = Avx512F.UnpackHigh(t[i + 1].AsUInt64(), t[i + 3].AsUInt64()).AsUInt32();
        }

        for (var half = 0; half < 16; half += 8)
        {
            for (var i = 0; i < 4; i++)
            {
                t[half + i] = Avx512F.Shuffle4x128(u[half + i], u[half + i + 4], 0x88);
                t[half + i + 4] = Avx512F.Shuffle4x128(u[half + i], u[half + i + 4], 0xDD);
            }
        }

        for (var i = 0; i < 8; i++)
        {
            output[i] = Avx512F.Shuffle4x128(t[i], t[i + 8], 0x88);
            output[i + 8] = Avx512F.Shuffle4x128(t[i], t[i + 8], 0xDD);
        }
    }

    private static unsafe void Compress(Vector512<uint>* state, Vector512<uint>* w, uint* k)
    {
        var a = state[0];
        var b = state[1];
        var c = state[2];
        var d = state[3];
        var e = state[4];
        var f = state[5];
        var g = state[6];
        var h = state[7];
        for (var t = 0; t < 64; t++)
        {
            var s1 = Avx512F.TernaryLogic(Avx512F.RotateRight(e, 6), Avx512F.RotateRight(e, 11), Avx512F.RotateRight(e, 25), 0x96);
            var ch = Avx512F.TernaryLogic(e, f, g, 0xCA);
            var t1 = h + s1 + ch + Vector512.Create(k[t]) + w[t];
            var s0 = Avx512F.TernaryLogic(Avx512F.RotateRight(a, 2), Avx512F.RotateRight(a, 13), Avx512F.RotateRight(a, 22), 0x96);
            var maj = Avx512F.TernaryLogic(a, b, c, 0xE8);
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + s0 + maj;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
