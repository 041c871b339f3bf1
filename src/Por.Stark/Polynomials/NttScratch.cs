// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Por.Stark.Polynomials;

/// <summary>
/// A pinned, 64-byte aligned scratch buffer for the NTT kernels, recycled through a small process-wide pool so
/// repeated transforms of the same size neither allocate nor page-fault. Aligned vector loads and stores avoid
/// cache-line splits on every access; pinning keeps the alignment valid while the buffer is in use.
/// </summary>
internal sealed class NttScratch
{
    private const int AlignmentElements = 8;

    // At most a few buffers per core are kept: enough for column-parallel provers, bounded memory otherwise.
    private static readonly ConcurrentBag<NttScratch> s_pool = [];
    private static int s_pooled;

    private readonly ulong[] _array;
    private readonly int _offset;

    private unsafe NttScratch(int length)
    {
        _array = GC.AllocateUninitializedArray<ulong>(length + AlignmentElements, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref _array[0]);
        _offset = (int)((64 - (address & 63)) & 63) / sizeof(ulong);
        Length = length;
    }

    /// <summary>The usable length in elements.</summary>
    public int Length { get; }

    /// <summary>The aligned elements.</summary>
    public Span<ulong> Elements => _array.AsSpan(_offset, Length);

    /// <summary>The aligned elements viewed as 8-lane vectors.</summary>
    public Span<Vector512<ulong>> Vectors => System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, Vector512<ulong>>(Elements);

    /// <summary>Takes a buffer of at least <paramref name="length"/> elements from the pool, or allocates one.</summary>
    public static NttScratch Rent(int length)
    {
        int attempts = Volatile.Read(ref s_pooled);
        while (attempts-- > 0 && s_pool.TryTake(out NttScratch? scratch))
        {
            Interlocked.Decrement(ref s_pooled);
            if (scratch.Length >= length)
            {
                return scratch;
            }

            // Too small for this request: drop it, a larger one replaces it on return.
        }

        return new NttScratch(length);
    }

    /// <summary>Gives a buffer back to the pool (or to the GC when the pool is full).</summary>
    public static void Return(NttScratch scratch)
    {
        if (Interlocked.Increment(ref s_pooled) <= 4 * Environment.ProcessorCount)
        {
            s_pool.Add(scratch);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
    }
}
