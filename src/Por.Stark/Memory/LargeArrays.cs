// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Por.Stark.Memory;

/// <summary>
/// The prover's large working arrays (trace columns, LDE columns, Merkle nodes, FRI layers).
/// <para>
/// On Linux each new array's interior is advised for transparent huge pages before it is first touched: a 2^20-row
/// proof touches ≈ 13 GiB, and on the project's virtual machine clearing freshly faulted pages was ≈ 43 % of the
/// prover's CPU time with 4 KiB pages. The advice is best-effort: where the kernel refuses it (THP disabled, another
/// OS) the arrays behave exactly as ordinary ones.
/// </para>
/// <para>
/// Arrays the prover is done with are returned here and, while a retention scope is open
/// (<see cref="ProverMemory.Retain"/>; every proof opens one for its own duration), kept for the next rent of the same
/// type and length instead of being collected: memory that stays mapped is never faulted in and cleared again, which
/// is what a round of many batch proofs in one process pays for otherwise. When the last scope closes the pool is
/// emptied and the garbage collector takes the arrays back.
/// </para>
/// </summary>
internal static partial class LargeArrays
{
    private const int HugePageSize = 2 * 1024 * 1024;
    private const int MadviseHugePage = 14;

    // Smaller arrays are cheap to allocate and not worth keeping.
    private const long PoolThresholdBytes = 1L << 20;

    // Plain stacks under one lock (a rent or return per large array is rare): unlike ConcurrentBag's thread-local
    // queues, a cleared stack holds no reference that would keep arrays alive past the last scope.
    private static readonly Dictionary<(Type Type, int Length), Stack<Array>> s_pool = [];
    private static readonly Lock s_poolLock = new();
    private static readonly Lock s_scopeLock = new();
    private static bool s_adviceUnavailable = !OperatingSystem.IsLinux();
    private static int s_retainers;
    private static long s_pooledBytes;

    /// <summary>The bytes held by the pool now.</summary>
    public static long PooledBytes
    {
        get
        {
            lock (s_poolLock)
            {
                return s_pooledBytes;
            }
        }
    }

    /// <summary>Allocates a new uninitialized array; arrays of several huge pages are advised for huge pages.</summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <param name="length">The element count.</param>
    /// <returns>The array (contents unspecified).</returns>
    public static T[] Allocate<T>(int length)
        where T : unmanaged
    {
        T[] array = GC.AllocateUninitializedArray<T>(length);
        AdviseHugePages(array);
        return array;
    }

    /// <summary>An array of exactly <paramref name="length"/> elements: a pooled one if there is one, else a new one.</summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <param name="length">The element count.</param>
    /// <returns>The array (contents unspecified: a pooled array holds whatever its last user left).</returns>
    public static T[] Rent<T>(int length)
        where T : unmanaged
    {
        lock (s_poolLock)
        {
            if (s_pool.TryGetValue((typeof(T), length), out Stack<Array>? stack) && stack.TryPop(out Array? pooled))
            {
                s_pooledBytes -= SizeOf<T>(length);
                return (T[])pooled;
            }
        }

        return Allocate<T>(length);
    }

    /// <summary>
    /// Hands an array back for reuse. The caller must hold no other reference to it that is still used: the next
    /// <see cref="Rent{T}"/> of the same length may get it. Without an open retention scope, or for small arrays, this
    /// only drops it.
    /// </summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <param name="array">The array, or <see langword="null"/>.</param>
    public static void Return<T>(T[]? array)
        where T : unmanaged
    {
        if (array is null || Volatile.Read(ref s_retainers) == 0 || SizeOf<T>(array.Length) < PoolThresholdBytes)
        {
            return;
        }

        lock (s_poolLock)
        {
            if (Volatile.Read(ref s_retainers) == 0)
            {
                return;
            }

            if (!s_pool.TryGetValue((typeof(T), array.Length), out Stack<Array>? stack))
            {
                stack = new Stack<Array>();
                s_pool[(typeof(T), array.Length)] = stack;
            }

            stack.Push(array);
            s_pooledBytes += SizeOf<T>(array.Length);
        }
    }

    /// <summary>Returns every array of a jagged set (see <see cref="Return{T}"/>).</summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <param name="arrays">The arrays.</param>
    public static void ReturnAll<T>(T[][] arrays)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(arrays);
        foreach (T[] array in arrays)
        {
            Return(array);
        }
    }

    /// <summary>Opens a retention scope.</summary>
    internal static void EnterRetention()
    {
        lock (s_scopeLock)
        {
            s_retainers++;
        }
    }

    /// <summary>Closes a retention scope; the last one to close empties the pool.</summary>
    internal static void ExitRetention()
    {
        lock (s_scopeLock)
        {
            if (--s_retainers == 0)
            {
                lock (s_poolLock)
                {
                    s_pool.Clear();
                    s_pooledBytes = 0;
                }
            }
        }
    }

    /// <summary>Advises the kernel to back the array's whole 2 MiB pages with huge pages (no effect if refused).</summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <param name="array">The array, ideally not yet touched.</param>
    public static unsafe void AdviseHugePages<T>(T[] array)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        long bytes = (long)array.Length * sizeof(T);
        if (s_adviceUnavailable || bytes < 4L * HugePageSize)
        {
            return;
        }

        // The address is only used for the advice call; the large-object heap does not move arrays unless asked to,
        // and the advice stays with the virtual range either way.
        nuint start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        nuint first = (start + HugePageSize - 1) & ~(nuint)(HugePageSize - 1);
        nuint end = (start + (nuint)bytes) & ~(nuint)(HugePageSize - 1);
        if (end <= first)
        {
            return;
        }

        try
        {
            _ = Madvise(first, end - first, MadviseHugePage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_adviceUnavailable = true;
        }
    }

    private static unsafe long SizeOf<T>(int length)
        where T : unmanaged => (long)length * sizeof(T);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nuint address, nuint length, int advice);
}
