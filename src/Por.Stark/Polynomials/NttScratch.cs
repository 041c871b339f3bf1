// SPDX-License-Identifier: Apache-2.0

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

    // A few buffers per core are kept (enough for column-parallel provers, each needing a row buffer and a panel);
    // when the pool is full the smallest is dropped.
    private static readonly List<NttScratch> s_pool = [];
    private static readonly Lock s_lock = new();

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

    /// <summary>Takes the smallest pooled buffer of at least <paramref name="length"/> elements, or allocates one.</summary>
    public static NttScratch Rent(int length)
    {
        lock (s_lock)
        {
            int best = -1;
            for (int i = 0; i < s_pool.Count; i++)
            {
                if (s_pool[i].Length >= length && (best < 0 || s_pool[i].Length < s_pool[best].Length))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                NttScratch found = s_pool[best];
                s_pool.RemoveAt(best);
                return found;
            }
        }

        return new NttScratch(length);
    }

    /// <summary>Gives a buffer back to the pool.</summary>
    public static void Return(NttScratch scratch)
    {
        lock (s_lock)
        {
            s_pool.Add(scratch);
            if (s_pool.Count > (2 * Environment.ProcessorCount) + 2)
            {
                int smallest = 0;
                for (int i = 1; i < s_pool.Count; i++)
                {
                    if (s_pool[i].Length < s_pool[smallest].Length)
                    {
                        smallest = i;
                    }
                }

                s_pool.RemoveAt(smallest);
            }
        }
    }
}
