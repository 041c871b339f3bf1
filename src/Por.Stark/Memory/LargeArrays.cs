// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Por.Stark.Memory;

/// <summary>
/// Allocates the prover's large working arrays (trace columns, LDE columns, Merkle nodes). On Linux each array's
/// interior is advised for transparent huge pages before it is first touched: a 2^20-row proof touches ≈ 14 GiB
/// once, and with 4 KiB pages that is ≈ 3.7 million page faults (≈ 30 s of kernel time on a virtual machine);
/// with 2 MiB pages it is a few thousand. The advice is best-effort: where the kernel refuses it (THP disabled,
/// another OS) the arrays behave exactly as ordinary ones.
/// </summary>
internal static partial class LargeArrays
{
    private const int HugePageSize = 2 * 1024 * 1024;
    private const int MadviseHugePage = 14;

    private static bool s_adviceUnavailable = !OperatingSystem.IsLinux();

    /// <summary>Allocates an uninitialized array; arrays of several huge pages are advised for huge pages.</summary>
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

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nuint address, nuint length, int advice);
}
