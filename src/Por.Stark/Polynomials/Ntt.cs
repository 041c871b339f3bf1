// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Por.Stark.Field;

namespace Por.Stark.Polynomials;

/// <summary>
/// Radix-2 number-theoretic transforms over Goldilocks on power-of-two subgroups, in natural order:
/// <see cref="Forward"/> maps coefficients c to evaluations (Σ c_j ω^(ij))_i and <see cref="Inverse"/> undoes it.
/// </summary>
public static class Ntt
{
    private const int ParallelThresholdLog2 = 14;

    private static readonly ConcurrentDictionary<int, ulong[]> s_forwardTwiddles = new();
    private static readonly ConcurrentDictionary<int, ulong[]> s_inverseTwiddles = new();

    /// <summary>Evaluates the polynomial with the given coefficients on the subgroup of size values.Length.</summary>
    /// <param name="values">Coefficients in, evaluations out; the length must be a power of two ≤ 2^32.</param>
    /// <exception cref="ArgumentException">The length is not a power of two.</exception>
    public static void Forward(Span<Goldilocks> values)
    {
        if (UseFourStep(values.Length))
        {
            Span<ulong> raw = MemoryMarshal.Cast<Goldilocks, ulong>(values);
            FourStepNtt.Transform(raw, raw, inverse: false, pre: 1, scale: 1, post: 1);
            return;
        }

        Transform(MemoryMarshal.Cast<Goldilocks, ulong>(values), inverse: false);
    }

    /// <summary>Interpolates: evaluations on the subgroup in, coefficients out.</summary>
    /// <param name="values">Evaluations in, coefficients out; the length must be a power of two ≤ 2^32.</param>
    /// <exception cref="ArgumentException">The length is not a power of two.</exception>
    public static void Inverse(Span<Goldilocks> values)
    {
        if (UseFourStep(values.Length))
        {
            Span<ulong> raw = MemoryMarshal.Cast<Goldilocks, ulong>(values);
            FourStepNtt.Transform(raw, raw, inverse: true, pre: 1, scale: InverseOfLength(values.Length), post: 1);
            return;
        }

        Transform(MemoryMarshal.Cast<Goldilocks, ulong>(values), inverse: true);
        GoldilocksVector.Scale(values, new Goldilocks((ulong)values.Length).Inverse());
    }

    /// <summary>
    /// Evaluates the polynomial with the given coefficients on the coset offset·⟨ω⟩ of size values.Length:
    /// c_j is first scaled by offset^j.
    /// </summary>
    /// <param name="values">Coefficients in, coset evaluations out.</param>
    /// <param name="offset">The coset offset.</param>
    /// <exception cref="ArgumentException">The length is not a power of two.</exception>
    public static void ForwardCoset(Span<Goldilocks> values, Goldilocks offset)
    {
        if (UseFourStep(values.Length))
        {
            Span<ulong> raw = MemoryMarshal.Cast<Goldilocks, ulong>(values);
            FourStepNtt.Transform(raw, raw, inverse: false, pre: offset.Value, scale: 1, post: 1);
            return;
        }

        ScaleByPowers(values, offset);
        Forward(values);
    }

    /// <summary>Interpolates evaluations on the coset offset·⟨ω⟩ into coefficients.</summary>
    /// <param name="values">Coset evaluations in, coefficients out.</param>
    /// <param name="offset">The coset offset (non-zero).</param>
    /// <exception cref="ArgumentException">The length is not a power of two.</exception>
    public static void InverseCoset(Span<Goldilocks> values, Goldilocks offset)
    {
        if (UseFourStep(values.Length))
        {
            Span<ulong> raw = MemoryMarshal.Cast<Goldilocks, ulong>(values);
            FourStepNtt.Transform(raw, raw, inverse: true, pre: 1, scale: InverseOfLength(values.Length), post: offset.Inverse().Value);
            return;
        }

        Inverse(values);
        ScaleByPowers(values, offset.Inverse());
    }

    /// <summary>
    /// Low-degree extension: interpolates <paramref name="evaluations"/> (on the subgroup of size n) and evaluates the
    /// polynomial on the coset offset·⟨ω_N⟩ with N = destination.Length, a multiple of n.
    /// </summary>
    /// <param name="evaluations">n evaluations on the trace subgroup.</param>
    /// <param name="offset">The coset offset.</param>
    /// <param name="coefficients">Receives the n coefficients.</param>
    /// <param name="destination">Receives the N coset evaluations.</param>
    /// <exception cref="ArgumentException">Lengths are not powers of two or N &lt; n.</exception>
    public static void LowDegreeExtend(ReadOnlySpan<Goldilocks> evaluations, Goldilocks offset, Span<Goldilocks> coefficients, Span<Goldilocks> destination)
    {
        if (coefficients.Length != evaluations.Length || destination.Length < evaluations.Length)
        {
            ThrowHelper.ThrowArgument("Destination must be at least as long as the evaluations.", nameof(destination));
        }

        evaluations.CopyTo(coefficients);
        Inverse(coefficients);
        ExtendCoefficients(coefficients, offset, destination);
    }

    /// <summary>Evaluates a polynomial given by coefficients on the coset offset·⟨ω_N⟩, N = destination.Length.</summary>
    /// <param name="coefficients">At most N coefficients.</param>
    /// <param name="offset">The coset offset.</param>
    /// <param name="destination">Receives N evaluations.</param>
    /// <exception cref="ArgumentException">N is not a power of two or is shorter than the coefficients.</exception>
    public static void ExtendCoefficients(ReadOnlySpan<Goldilocks> coefficients, Goldilocks offset, Span<Goldilocks> destination)
    {
        if (destination.Length < coefficients.Length)
        {
            ThrowHelper.ThrowArgument("Destination is shorter than the coefficients.", nameof(destination));
        }

        int m = coefficients.Length;
        int big = destination.Length;
        if (UseFourStep(big) && BitOperations.IsPow2(m) && (long)m * m >= big)
        {
            // The zero coefficients beyond m are skipped inside the column pass (needs m ≥ N2 ≈ √N).
            FourStepNtt.Transform(MemoryMarshal.Cast<Goldilocks, ulong>(coefficients), MemoryMarshal.Cast<Goldilocks, ulong>(destination), inverse: false, pre: offset.Value, scale: 1, post: 1);
            return;
        }

        if (UseFourStep(big))
        {
            coefficients.CopyTo(destination);
            destination[coefficients.Length..].Clear();
            ForwardCoset(destination, offset);
            return;
        }

        if (m >= 2 && BitOperations.IsPow2(m) && BitOperations.IsPow2(big) && big > m)
        {
            ExtendByCosets(coefficients, offset, destination);
            return;
        }

        coefficients.CopyTo(destination);
        destination[coefficients.Length..].Clear();
        ScaleByPowers(destination[..coefficients.Length], offset);
        Forward(destination);
    }

    // The N-point coset evaluation splits into B = N/m cosets of the size-m subgroup: positions j + B·i hold the
    // values at (offset·ω_N^j)·ω_m^i. B transforms of size m touch far less memory than one of size N.
    private static void ExtendByCosets(ReadOnlySpan<Goldilocks> coefficients, Goldilocks offset, Span<Goldilocks> destination)
    {
        int m = coefficients.Length;
        int blowup = destination.Length / m;
        Goldilocks omegaN = Goldilocks.RootOfUnity(BitOperations.Log2((uint)destination.Length));
        Goldilocks[] buffer = System.Buffers.ArrayPool<Goldilocks>.Shared.Rent(m);
        try
        {
            Span<Goldilocks> tmp = buffer.AsSpan(0, m);
            Goldilocks shift = offset;
            for (int j = 0; j < blowup; j++)
            {
                coefficients.CopyTo(tmp);
                ScaleByPowers(tmp, shift);
                Forward(tmp);
                for (int i = 0; i < m; i++)
                {
                    destination[j + (blowup * i)] = tmp[i];
                }

                shift *= omegaN;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<Goldilocks>.Shared.Return(buffer);
        }
    }

    /// <summary>values[j] ← values[j] · factor^j.</summary>
    /// <param name="values">The values to scale in place.</param>
    /// <param name="factor">The base of the powers.</param>
    internal static void ScaleByPowers(Span<Goldilocks> values, Goldilocks factor)
    {
        int j = 0;
        Goldilocks power = Goldilocks.One;
        if (Avx512F.IsSupported && values.Length >= 32)
        {
            // Four independent chains of eight lanes (j, j+8, j+16, j+24), each advanced by factor^32.
            Span<ulong> raw = MemoryMarshal.Cast<Goldilocks, ulong>(values);
            Span<ulong> lanes = stackalloc ulong[32];
            for (int i = 0; i < 32; i++)
            {
                lanes[i] = power.Value;
                power *= factor;
            }

            var step = Vector512.Create(power.Value);
            Vector512<ulong> p0 = Vector512.Create((ReadOnlySpan<ulong>)lanes[..8]);
            Vector512<ulong> p1 = Vector512.Create((ReadOnlySpan<ulong>)lanes[8..16]);
            Vector512<ulong> p2 = Vector512.Create((ReadOnlySpan<ulong>)lanes[16..24]);
            Vector512<ulong> p3 = Vector512.Create((ReadOnlySpan<ulong>)lanes[24..]);
            ref ulong d = ref MemoryMarshal.GetReference(raw);
            for (; j + 32 <= raw.Length; j += 32)
            {
                nuint at = (nuint)j;
                GoldilocksAvx512.Multiply(Vector512.LoadUnsafe(ref d, at), p0).StoreUnsafe(ref d, at);
                GoldilocksAvx512.Multiply(Vector512.LoadUnsafe(ref d, at + 8), p1).StoreUnsafe(ref d, at + 8);
                GoldilocksAvx512.Multiply(Vector512.LoadUnsafe(ref d, at + 16), p2).StoreUnsafe(ref d, at + 16);
                GoldilocksAvx512.Multiply(Vector512.LoadUnsafe(ref d, at + 24), p3).StoreUnsafe(ref d, at + 24);
                p0 = GoldilocksAvx512.Multiply(p0, step);
                p1 = GoldilocksAvx512.Multiply(p1, step);
                p2 = GoldilocksAvx512.Multiply(p2, step);
                p3 = GoldilocksAvx512.Multiply(p3, step);
            }

            power = Goldilocks.FromCanonicalUnchecked(p0.GetElement(0));
        }

        for (; j < values.Length; j++)
        {
            values[j] *= power;
            power *= factor;
        }
    }

    /// <summary>The radix-2 forward transform (bit reversal, then butterflies): the reference for the fast path.</summary>
    /// <param name="values">Coefficients in, evaluations out.</param>
    internal static void ForwardRadix2(Span<Goldilocks> values) => Transform(MemoryMarshal.Cast<Goldilocks, ulong>(values), inverse: false);

    /// <summary>The radix-2 inverse transform: the reference for the fast path.</summary>
    /// <param name="values">Evaluations in, coefficients out.</param>
    internal static void InverseRadix2(Span<Goldilocks> values)
    {
        Transform(MemoryMarshal.Cast<Goldilocks, ulong>(values), inverse: true);
        GoldilocksVector.Scale(values, new Goldilocks((ulong)values.Length).Inverse());
    }

    // The four-step kernels need AVX-512 and at least 2^6 points; smaller transforms stay on the radix-2 path.
    private static bool UseFourStep(int length) =>
        FourStepNtt.IsSupported && length >= (1 << FourStepNtt.MinLog2) && BitOperations.IsPow2(length);

    private static bool UseParallelFourStep(int length) =>
        UseFourStep(length) && length >= (1 << ParallelThresholdLog2) && Environment.ProcessorCount > 1;

    private static ulong InverseOfLength(int length) => new Goldilocks((ulong)length).Inverse().Value;

    private static void Transform(Span<ulong> a, bool inverse)
    {
        int n = a.Length;
        if (n == 0 || !BitOperations.IsPow2(n))
        {
            ThrowHelper.ThrowArgument("The length must be a power of two.", "values");
        }

        if (n == 1)
        {
            return;
        }

        int log2 = BitOperations.Log2((uint)n);
        BitReverse(a, log2);
        ulong[] twiddles = GetTwiddles(log2, inverse);
        for (int half = 1; half < n; half <<= 1)
        {
            ReadOnlySpan<ulong> tw = twiddles.AsSpan(half, half);
            int blocks = n / (2 * half);
            if (half < 8)
            {
                // Short butterflies: one flat scalar loop instead of a kernel call per block.
                for (int start = 0; start < n; start += 2 * half)
                {
                    for (int j = 0; j < half; j++)
                    {
                        ulong top = a[start + j];
                        ulong t = Goldilocks.MulRaw(a[start + half + j], tw[j]);
                        a[start + j] = Goldilocks.AddRaw(top, t);
                        a[start + half + j] = Goldilocks.SubRaw(top, t);
                    }
                }

                continue;
            }

            for (int b = 0; b < blocks; b++)
            {
                int start = b * 2 * half;
                GoldilocksVector.Butterfly(a.Slice(start, half), a.Slice(start + half, half), tw);
            }
        }
    }

    /// <summary>The forward transform of one large array using several threads (stage by stage).</summary>
    /// <param name="values">Coefficients in, evaluations out.</param>
    /// <exception cref="ArgumentException">The length is not a power of two.</exception>
    public static void ForwardParallel(Goldilocks[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (UseParallelFourStep(values.Length))
        {
            FourStepNtt.TransformParallel(values, inverse: false, scale: 1);
            return;
        }

        TransformParallel(values, inverse: false);
    }

    /// <summary>The inverse transform of one large array using several threads.</summary>
    /// <param name="values">Evaluations in, coefficients out.</param>
    /// <exception cref="ArgumentException">The length is not a power of two.</exception>
    public static void InverseParallel(Goldilocks[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (UseParallelFourStep(values.Length))
        {
            FourStepNtt.TransformParallel(values, inverse: true, scale: InverseOfLength(values.Length));
            return;
        }

        TransformParallel(values, inverse: true);
        GoldilocksVector.Scale(values, new Goldilocks((ulong)values.Length).Inverse());
    }

    private static void TransformParallel(Goldilocks[] values, bool inverse)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Length;

        if (n < (1 << ParallelThresholdLog2) || Environment.ProcessorCount == 1)
        {
            Transform(MemoryMarshal.Cast<Goldilocks, ulong>(values.AsSpan()), inverse);
            return;
        }

        int log2 = BitOperations.Log2((uint)n);
        if (!BitOperations.IsPow2(n))
        {
            ThrowHelper.ThrowArgument("The length must be a power of two.", nameof(values));
        }

        BitReverse(MemoryMarshal.Cast<Goldilocks, ulong>(values.AsSpan()), log2);
        ulong[] twiddles = GetTwiddles(log2, inverse);
        const int Grain = 1 << 12;
        for (int half = 1; half < n; half <<= 1)
        {
            int h = half;
            int blocks = n / (2 * h);
            if (h >= Grain)
            {
                // Few large blocks: split every block's butterflies into pieces.
                int pieces = h / Grain;
                Parallel.For(0, blocks * pieces, ProverParallelism.Options, t =>
                {
                    int b = t / pieces;
                    int off = (t % pieces) * Grain;
                    int start = (b * 2 * h) + off;
                    Span<ulong> a = MemoryMarshal.Cast<Goldilocks, ulong>(values.AsSpan());
                    GoldilocksVector.Butterfly(a.Slice(start, Grain), a.Slice(start + h, Grain), twiddles.AsSpan(h + off, Grain));
                });
            }
            else
            {
                int blocksPerTask = Math.Max(1, Grain / h);
                int tasks = (blocks + blocksPerTask - 1) / blocksPerTask;
                Parallel.For(0, tasks, ProverParallelism.Options, t =>
                {
                    Span<ulong> a = MemoryMarshal.Cast<Goldilocks, ulong>(values.AsSpan());
                    ReadOnlySpan<ulong> tw = twiddles.AsSpan(h, h);
                    int end = Math.Min(blocks, (t + 1) * blocksPerTask);
                    for (int b = t * blocksPerTask; b < end; b++)
                    {
                        int start = b * 2 * h;
                        GoldilocksVector.Butterfly(a.Slice(start, h), a.Slice(start + h, h), tw);
                    }
                });
            }
        }
    }

    private static void BitReverse(Span<ulong> a, int log2)
    {
        int n = a.Length;
        int shift = 32 - log2;
        for (int i = 0; i < n; i++)
        {
            int j = (int)(ReverseBits((uint)i) >> shift);
            if (i < j)
            {
                (a[i], a[j]) = (a[j], a[i]);
            }
        }
    }

    private static uint ReverseBits(uint x)
    {
        x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
        x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
        x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
        x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
        return (x >> 16) | (x << 16);
    }

    // Layout: for each stage with half-size h (a power of two), entries [h, 2h) hold ω_{2h}^j for j < h.
    internal static ulong[] GetTwiddles(int log2, bool inverse)
    {
        ConcurrentDictionary<int, ulong[]> cache = inverse ? s_inverseTwiddles : s_forwardTwiddles;
        return cache.GetOrAdd(log2, static (l, inv) =>
        {
            int n = 1 << l;
            var table = new ulong[n];
            for (int h = 1; h < n; h <<= 1)
            {
                Goldilocks root = Goldilocks.RootOfUnity(BitOperations.Log2((uint)(2 * h)));
                if (inv)
                {
                    root = root.Inverse();
                }

                Goldilocks w = Goldilocks.One;
                for (int j = 0; j < h; j++)
                {
                    table[h + j] = w.Value;
                    w *= root;
                }
            }

            return table;
        }, inverse);
    }
}
