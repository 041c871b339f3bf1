// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Por.Stark.Field;

namespace Por.Stark.Polynomials;

/// <summary>
/// Cache-friendly AVX-512 NTT (four-step / Bailey): a size N = N1·N2 transform is N2 column transforms of size N1,
/// a twiddle multiplication, and N1 row transforms of size N2. Every sub-transform runs on eight independent
/// transforms at once, one per vector lane, inside a buffer that fits L1/L2, so each butterfly is a full-width
/// vector operation with a broadcast twiddle and the big array is streamed only twice.
/// </summary>
/// <remarks>
/// With n = N2·n1 + n2 and k = k1 + N1·k2: X[k] = Σ_n2 ω_N2^(n2·k2) · ω_N^(n2·k1) · Σ_n1 x[n]·ω_N1^(n1·k1).
/// Step 1 handles sixteen columns n2 as two eight-lane panels (lanes = n2), multiplies by ω_N^(n2·k1), transposes
/// 8×8 blocks and stores rows of the scratch so step 2 reads eight consecutive k1 per vector (lanes = k1)
/// contiguously; its outputs X[k1 + N1·k2] for sixteen k1 are then two contiguous vector stores each. Input powers (coset
/// offset), a global scale (1/N) and output powers (inverse coset) are fused into the passes. All values stay
/// canonical, so results equal the radix-2 path bit for bit.
/// </remarks>
internal static class FourStepNtt
{
    /// <summary>The smallest log2 size handled here (both factors must hold two 8×8 blocks).</summary>
    internal const int MinLog2 = 8;

    private const int Lanes = 8;

    // Panels and row blocks are handled two at a time: 16 columns / 16 k1 make every strided access 128 bytes.
    private const int Group = 2;
    private const int Width = Group * Lanes;

    // Scratch rows are padded by eight vectors so the 64 KiB-strided stores of step 1 do not all hit one cache set.
    private const int PadVectors = 8;

    // Above 2^21 elements (16 MiB) the scratch rows cannot stay in the last-level cache until step 2 reads them, so
    // step 1 writes them with non-temporal stores (no read-for-ownership of lines about to be overwritten).
    private const int StreamingThreshold = 1 << 21;

    /// <summary>Whether the AVX-512 kernels can run.</summary>
    internal static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// destination[k] = post^k · scale · Σ_(n &lt; m) source[n] · pre^n · ω^(n·k) with ω = ω_N (or ω_N^−1 when
    /// inverse), N = destination.Length ≥ 2^<see cref="MinLog2"/>, m = source.Length a power of two with
    /// N / m ≤ N1 (missing inputs are zero). Source and destination may be the same span.
    /// </summary>
    internal static void Transform(ReadOnlySpan<ulong> source, Span<ulong> destination, bool inverse, ulong pre, ulong scale, ulong post)
    {
        var plan = new Plan(source.Length, destination.Length, inverse, pre, scale, post);
        NttScratch rows = NttScratch.Rent(plan.ScratchLength);
        NttScratch panel = NttScratch.Rent(Group * plan.N1 * Lanes);
        try
        {
            Span<ulong> scratch = rows.Elements[..plan.ScratchLength];
            Span<Vector512<ulong>> panelVectors = panel.Vectors[..(Group * plan.N1)];
            for (int c0 = 0; c0 < plan.N2; c0 += Width)
            {
                ColumnPanel(in plan, source, scratch, panelVectors, c0);
            }

            for (int kb = 0; kb < plan.N1 / Lanes; kb += Group)
            {
                RowBlocks(in plan, scratch, destination, kb);
            }
        }
        finally
        {
            NttScratch.Return(panel);
            NttScratch.Return(rows);
        }
    }

    /// <summary>The in-place transform of <paramref name="values"/> with both passes spread over the thread pool.</summary>
    internal static void TransformParallel(Goldilocks[] values, bool inverse, ulong scale)
    {
        var plan = new Plan(values.Length, values.Length, inverse, 1, scale, 1);
        NttScratch rows = NttScratch.Rent(plan.ScratchLength);
        try
        {
            Goldilocks[] array = values;
            int panels = plan.N2 / Width;
            const int PanelsPerTask = 2;
            Parallel.For(
                0,
                (panels + PanelsPerTask - 1) / PanelsPerTask,
                ProverParallelism.Options,
                () => NttScratch.Rent(Group * plan.N1 * Lanes),
                (task, _, panel) =>
                {
                    Span<ulong> scratch = rows.Elements[..plan.ScratchLength];
                    int end = Math.Min(panels, (task + 1) * PanelsPerTask);
                    for (int p = task * PanelsPerTask; p < end; p++)
                    {
                        ColumnPanel(in plan, MemoryMarshal.Cast<Goldilocks, ulong>(array.AsSpan()), scratch, panel.Vectors[..(Group * plan.N1)], p * Width);
                    }

                    return panel;
                },
                NttScratch.Return);
            Parallel.For(0, plan.N1 / Width, ProverParallelism.Options, g => RowBlocks(in plan, rows.Elements[..plan.ScratchLength], MemoryMarshal.Cast<Goldilocks, ulong>(array.AsSpan()), g * Group));
        }
        finally
        {
            NttScratch.Return(rows);
        }
    }

    // Step 1 for columns c0..c0+15 (two eight-lane panels, so each strided row read is 128 contiguous bytes): load
    // (bit-reversed rows, input powers fused), N1-point transforms in the lanes, twiddles ω^(n2·k1)·scale, 8×8
    // transposes into the scratch rows (stored in bit-reversed n2 order for step 2).
    private static void ColumnPanel(in Plan plan, ReadOnlySpan<ulong> source, Span<ulong> scratch, Span<Vector512<ulong>> panels, int c0)
    {
        unchecked
        {
            int n1 = plan.N1;
            int n2 = plan.N2;
            ref ulong src = ref MemoryMarshal.GetReference(source);
            ref Vector512<ulong> pa = ref MemoryMarshal.GetReference(panels);
            ref Vector512<ulong> pb = ref Unsafe.Add(ref pa, n1);
            int rows = plan.SourceRows;
            int copies = n1 / rows;
            int shift1 = 32 - plan.Log2N1;
            if (plan.Pre == 1)
            {
                for (int r = 0; r < rows; r++)
                {
                    nuint at = (nuint)((r * n2) + c0);
                    Vector512<ulong> va = Vector512.LoadUnsafe(ref src, at);
                    Vector512<ulong> vb = Vector512.LoadUnsafe(ref src, at + Lanes);
                    int pos = (int)(ReverseBits((uint)r) >> shift1);
                    for (int c = 0; c < copies; c++)
                    {
                        Unsafe.Add(ref pa, pos + c) = va;
                        Unsafe.Add(ref pb, pos + c) = vb;
                    }
                }
            }
            else
            {
                Vector512<ulong> ga = LanePowers(plan.Pre, (ulong)c0, 1);
                Vector512<ulong> gb = LanePowers(plan.Pre, (ulong)c0 + Lanes, 1);
                var step = Vector512.Create(new Goldilocks(plan.Pre).Pow((ulong)n2).Value);
                for (int r = 0; r < rows; r++)
                {
                    nuint at = (nuint)((r * n2) + c0);
                    Vector512<ulong> va = GoldilocksAvx512.Multiply(Vector512.LoadUnsafe(ref src, at), ga);
                    Vector512<ulong> vb = GoldilocksAvx512.Multiply(Vector512.LoadUnsafe(ref src, at + Lanes), gb);
                    ga = GoldilocksAvx512.Multiply(ga, step);
                    gb = GoldilocksAvx512.Multiply(gb, step);
                    int pos = (int)(ReverseBits((uint)r) >> shift1);
                    for (int c = 0; c < copies; c++)
                    {
                        Unsafe.Add(ref pa, pos + c) = va;
                        Unsafe.Add(ref pb, pos + c) = vb;
                    }
                }
            }

            // Zero inputs were skipped: after log2(copies) layers every block holds copies of its one non-zero input.
            LaneTransform(panels[..n1], plan.Twiddles1, copies);
            TwiddleTransposeStore(in plan, panels[..n1], scratch, c0);
            LaneTransform(panels[n1..], plan.Twiddles1, copies);
            TwiddleTransposeStore(in plan, panels[n1..], scratch, c0 + Lanes);
        }
    }

    // Twiddles for rows k1 = 8·kb + r run as eight independent chains, each multiplied by D^8 per block.
    private static void TwiddleTransposeStore(in Plan plan, Span<Vector512<ulong>> panel, Span<ulong> scratch, int c0)
    {
        unchecked
        {
            ref Vector512<ulong> p = ref MemoryMarshal.GetReference(panel);
            Vector512<ulong> d = LanePowers(plan.Root.Value, (ulong)c0, 1);
            Vector512<ulong> d8 = GoldilocksAvx512.Multiply(d, d);
            d8 = GoldilocksAvx512.Multiply(d8, d8);
            d8 = GoldilocksAvx512.Multiply(d8, d8);
            Vector512<ulong> t0 = Vector512.Create(plan.Scale);
            Vector512<ulong> t1 = GoldilocksAvx512.Multiply(t0, d);
            Vector512<ulong> t2 = GoldilocksAvx512.Multiply(t1, d);
            Vector512<ulong> t3 = GoldilocksAvx512.Multiply(t2, d);
            Vector512<ulong> t4 = GoldilocksAvx512.Multiply(t3, d);
            Vector512<ulong> t5 = GoldilocksAvx512.Multiply(t4, d);
            Vector512<ulong> t6 = GoldilocksAvx512.Multiply(t5, d);
            Vector512<ulong> t7 = GoldilocksAvx512.Multiply(t6, d);
            ref ulong s = ref MemoryMarshal.GetReference(scratch);
            int shift2 = 32 - plan.Log2N2;
            nuint o0 = (ReverseBits((uint)c0) >> shift2) * Lanes;
            nuint o1 = (ReverseBits((uint)c0 + 1) >> shift2) * Lanes;
            nuint o2 = (ReverseBits((uint)c0 + 2) >> shift2) * Lanes;
            nuint o3 = (ReverseBits((uint)c0 + 3) >> shift2) * Lanes;
            nuint o4 = (ReverseBits((uint)c0 + 4) >> shift2) * Lanes;
            nuint o5 = (ReverseBits((uint)c0 + 5) >> shift2) * Lanes;
            nuint o6 = (ReverseBits((uint)c0 + 6) >> shift2) * Lanes;
            nuint o7 = (ReverseBits((uint)c0 + 7) >> shift2) * Lanes;
            int blocks = plan.N1 / Lanes;
            nuint stride = (nuint)plan.BlockStride;
            bool streaming = plan.StreamingStores;
            for (int kb = 0; kb < blocks; kb++)
            {
                ref Vector512<ulong> row = ref Unsafe.Add(ref p, kb * Lanes);
                Vector512<ulong> v0 = GoldilocksAvx512.Multiply(row, t0);
                Vector512<ulong> v1 = GoldilocksAvx512.Multiply(Unsafe.Add(ref row, 1), t1);
                Vector512<ulong> v2 = GoldilocksAvx512.Multiply(Unsafe.Add(ref row, 2), t2);
                Vector512<ulong> v3 = GoldilocksAvx512.Multiply(Unsafe.Add(ref row, 3), t3);
                Vector512<ulong> v4 = GoldilocksAvx512.Multiply(Unsafe.Add(ref row, 4), t4);
                Vector512<ulong> v5 = GoldilocksAvx512.Multiply(Unsafe.Add(ref row, 5), t5);
                Vector512<ulong> v6 = GoldilocksAvx512.Multiply(Unsafe.Add(ref row, 6), t6);
                Vector512<ulong> v7 = GoldilocksAvx512.Multiply(Unsafe.Add(ref row, 7), t7);
                t0 = GoldilocksAvx512.Multiply(t0, d8);
                t1 = GoldilocksAvx512.Multiply(t1, d8);
                t2 = GoldilocksAvx512.Multiply(t2, d8);
                t3 = GoldilocksAvx512.Multiply(t3, d8);
                t4 = GoldilocksAvx512.Multiply(t4, d8);
                t5 = GoldilocksAvx512.Multiply(t5, d8);
                t6 = GoldilocksAvx512.Multiply(t6, d8);
                t7 = GoldilocksAvx512.Multiply(t7, d8);
                Transpose8x8(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
                ref ulong blockStart = ref Unsafe.Add(ref s, (nuint)kb * stride);
                if (streaming)
                {
                    StoreStreaming(ref blockStart, o0, v0);
                    StoreStreaming(ref blockStart, o1, v1);
                    StoreStreaming(ref blockStart, o2, v2);
                    StoreStreaming(ref blockStart, o3, v3);
                    StoreStreaming(ref blockStart, o4, v4);
                    StoreStreaming(ref blockStart, o5, v5);
                    StoreStreaming(ref blockStart, o6, v6);
                    StoreStreaming(ref blockStart, o7, v7);
                }
                else
                {
                    v0.StoreUnsafe(ref blockStart, o0);
                    v1.StoreUnsafe(ref blockStart, o1);
                    v2.StoreUnsafe(ref blockStart, o2);
                    v3.StoreUnsafe(ref blockStart, o3);
                    v4.StoreUnsafe(ref blockStart, o4);
                    v5.StoreUnsafe(ref blockStart, o5);
                    v6.StoreUnsafe(ref blockStart, o6);
                    v7.StoreUnsafe(ref blockStart, o7);
                }
            }
        }
    }

    // Step 2 for k1 = 8·kb..8·kb+15 (two scratch blocks): N2-point transforms in the lanes, in place in the
    // scratch, then 128 contiguous output bytes per k2 (output powers fused).
    private static void RowBlocks(in Plan plan, Span<ulong> scratch, Span<ulong> destination, int kb)
    {
        unchecked
        {
            int n1 = plan.N1;
            int n2 = plan.N2;
            Span<Vector512<ulong>> blockA = MemoryMarshal.Cast<ulong, Vector512<ulong>>(scratch.Slice(kb * plan.BlockStride, n2 * Lanes));
            Span<Vector512<ulong>> blockB = MemoryMarshal.Cast<ulong, Vector512<ulong>>(scratch.Slice((kb + 1) * plan.BlockStride, n2 * Lanes));
            LaneTransform(blockA, plan.Twiddles2, 1);
            LaneTransform(blockB, plan.Twiddles2, 1);
            ref Vector512<ulong> a = ref MemoryMarshal.GetReference(blockA);
            ref Vector512<ulong> b = ref MemoryMarshal.GetReference(blockB);
            ref ulong dst = ref MemoryMarshal.GetReference(destination);
            nuint column = (nuint)(kb * Lanes);
            if (plan.Post == 1)
            {
                for (int k2 = 0; k2 < n2; k2++)
                {
                    nuint at = ((nuint)k2 * (nuint)n1) + column;
                    Unsafe.Add(ref a, k2).StoreUnsafe(ref dst, at);
                    Unsafe.Add(ref b, k2).StoreUnsafe(ref dst, at + Lanes);
                }
            }
            else
            {
                Vector512<ulong> ha = LanePowers(plan.Post, column, 1);
                Vector512<ulong> hb = LanePowers(plan.Post, column + Lanes, 1);
                var step = Vector512.Create(new Goldilocks(plan.Post).Pow((ulong)n1).Value);
                for (int k2 = 0; k2 < n2; k2++)
                {
                    nuint at = ((nuint)k2 * (nuint)n1) + column;
                    GoldilocksAvx512.Multiply(Unsafe.Add(ref a, k2), ha).StoreUnsafe(ref dst, at);
                    GoldilocksAvx512.Multiply(Unsafe.Add(ref b, k2), hb).StoreUnsafe(ref dst, at + Lanes);
                    ha = GoldilocksAvx512.Multiply(ha, step);
                    hb = GoldilocksAvx512.Multiply(hb, step);
                }
            }
        }
    }

    // Radix-2 decimation in time on bit-reversed rows, natural-order output; each row is eight lanes of independent
    // transforms sharing one broadcast twiddle. Layers below firstHalf are skipped (their blocks are already final).
    // The layers that stay inside 16 KiB chunks run chunk by chunk while the chunk is in L1.
    private static void LaneTransform(Span<Vector512<ulong>> values, ulong[] twiddles, int firstHalf)
    {
        const int Chunk = 256;
        int n = values.Length;
        if (n <= Chunk)
        {
            LaneLayers(values, twiddles, firstHalf, n);
            return;
        }

        if (firstHalf < Chunk)
        {
            for (int start = 0; start < n; start += Chunk)
            {
                LaneLayers(values.Slice(start, Chunk), twiddles, firstHalf, Chunk);
            }
        }

        LaneLayers(values, twiddles, Math.Max(firstHalf, Chunk), n);
    }

    // The layers with half sizes firstHalf ≤ h &lt; endHalf over every block of 2h rows; two layers at a time
    // (radix 4: four rows loaded once for two butterfly layers) while at least two remain.
    private static void LaneLayers(Span<Vector512<ulong>> values, ulong[] twiddles, int firstHalf, int endHalf)
    {
        unchecked
        {
            int n = values.Length;
            ref Vector512<ulong> p = ref MemoryMarshal.GetReference(values);
            ref ulong tw = ref MemoryMarshal.GetArrayDataReference(twiddles);
            int half = firstHalf;
            if (half == 1 && endHalf >= 2 && n >= 2)
            {
                for (int s = 0; s < n; s += 2)
                {
                    ref Vector512<ulong> a = ref Unsafe.Add(ref p, s);
                    ref Vector512<ulong> b = ref Unsafe.Add(ref a, 1);
                    Vector512<ulong> x = a;
                    Vector512<ulong> y = b;
                    a = GoldilocksAvx512.Add(x, y);
                    b = GoldilocksAvx512.Subtract(x, y);
                }

                half = 2;
            }

            for (; 4 * half <= Math.Min(n, endHalf); half <<= 2)
            {
                for (int s = 0; s < n; s += 4 * half)
                {
                    for (int j = 0; j < half; j++)
                    {
                        var w1 = Vector512.Create(Unsafe.Add(ref tw, half + j));
                        var w2 = Vector512.Create(Unsafe.Add(ref tw, (2 * half) + j));
                        var w3 = Vector512.Create(Unsafe.Add(ref tw, (3 * half) + j));
                        ref Vector512<ulong> r0 = ref Unsafe.Add(ref p, s + j);
                        ref Vector512<ulong> r1 = ref Unsafe.Add(ref r0, half);
                        ref Vector512<ulong> r2 = ref Unsafe.Add(ref r1, half);
                        ref Vector512<ulong> r3 = ref Unsafe.Add(ref r2, half);
                        Vector512<ulong> x0 = r0;
                        Vector512<ulong> t1 = GoldilocksAvx512.Multiply(r1, w1);
                        Vector512<ulong> x2 = r2;
                        Vector512<ulong> t3 = GoldilocksAvx512.Multiply(r3, w1);
                        Vector512<ulong> y0 = GoldilocksAvx512.Add(x0, t1);
                        Vector512<ulong> y1 = GoldilocksAvx512.Subtract(x0, t1);
                        Vector512<ulong> u = GoldilocksAvx512.Multiply(GoldilocksAvx512.Add(x2, t3), w2);
                        Vector512<ulong> v = GoldilocksAvx512.Multiply(GoldilocksAvx512.Subtract(x2, t3), w3);
                        r0 = GoldilocksAvx512.Add(y0, u);
                        r2 = GoldilocksAvx512.Subtract(y0, u);
                        r1 = GoldilocksAvx512.Add(y1, v);
                        r3 = GoldilocksAvx512.Subtract(y1, v);
                    }
                }
            }

            for (; half < Math.Min(n, endHalf); half <<= 1)
            {
                for (int s = 0; s < n; s += 2 * half)
                {
                    ref Vector512<ulong> top = ref Unsafe.Add(ref p, s);
                    ref Vector512<ulong> bottom = ref Unsafe.Add(ref top, half);
                    for (int j = 0; j < half; j++)
                    {
                        var w = Vector512.Create(Unsafe.Add(ref tw, half + j));
                        ref Vector512<ulong> a = ref Unsafe.Add(ref top, j);
                        ref Vector512<ulong> b = ref Unsafe.Add(ref bottom, j);
                        Vector512<ulong> x = a;
                        Vector512<ulong> t = GoldilocksAvx512.Multiply(b, w);
                        a = GoldilocksAvx512.Add(x, t);
                        b = GoldilocksAvx512.Subtract(x, t);
                    }
                }
            }
        }
    }

    // (base^(start + i·stride))_i for the eight lanes i.
    private static Vector512<ulong> LanePowers(ulong baseValue, ulong start, ulong stride)
    {
        var b = new Goldilocks(baseValue);
        Goldilocks first = b.Pow(start);
        Goldilocks step = b.Pow(stride);
        Span<ulong> lanes = stackalloc ulong[Lanes];
        for (int i = 0; i < Lanes; i++)
        {
            lanes[i] = first.Value;
            first *= step;
        }

        return Vector512.Create((ReadOnlySpan<ulong>)lanes);
    }

    // A non-temporal store: the scratch (pinned, 64-byte aligned) skips the cache when it is too large to stay there.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreaming(ref ulong start, nuint offset, Vector512<ulong> value) =>
        Avx512F.StoreAlignedNonTemporal((ulong*)Unsafe.AsPointer(ref Unsafe.Add(ref start, offset)), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(
        ref Vector512<ulong> r0, ref Vector512<ulong> r1, ref Vector512<ulong> r2, ref Vector512<ulong> r3,
        ref Vector512<ulong> r4, ref Vector512<ulong> r5, ref Vector512<ulong> r6, ref Vector512<ulong> r7)
    {
        // 64-bit pairs within 128-bit lanes, then 128-bit lanes across registers, twice.
        Vector512<ulong> t0 = Avx512F.UnpackLow(r0, r1);
        Vector512<ulong> t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<ulong> t2 = Avx512F.UnpackLow(r2, r3);
        Vector512<ulong> t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<ulong> t4 = Avx512F.UnpackLow(r4, r5);
        Vector512<ulong> t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<ulong> t6 = Avx512F.UnpackLow(r6, r7);
        Vector512<ulong> t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<ulong> u0 = Avx512F.Shuffle4x128(t0, t2, 0x88);
        Vector512<ulong> u1 = Avx512F.Shuffle4x128(t0, t2, 0xDD);
        Vector512<ulong> u2 = Avx512F.Shuffle4x128(t1, t3, 0x88);
        Vector512<ulong> u3 = Avx512F.Shuffle4x128(t1, t3, 0xDD);
        Vector512<ulong> u4 = Avx512F.Shuffle4x128(t4, t6, 0x88);
        Vector512<ulong> u5 = Avx512F.Shuffle4x128(t4, t6, 0xDD);
        Vector512<ulong> u6 = Avx512F.Shuffle4x128(t5, t7, 0x88);
        Vector512<ulong> u7 = Avx512F.Shuffle4x128(t5, t7, 0xDD);
        r0 = Avx512F.Shuffle4x128(u0, u4, 0x88);
        r4 = Avx512F.Shuffle4x128(u0, u4, 0xDD);
        r2 = Avx512F.Shuffle4x128(u1, u5, 0x88);
        r6 = Avx512F.Shuffle4x128(u1, u5, 0xDD);
        r1 = Avx512F.Shuffle4x128(u2, u6, 0x88);
        r5 = Avx512F.Shuffle4x128(u2, u6, 0xDD);
        r3 = Avx512F.Shuffle4x128(u3, u7, 0x88);
        r7 = Avx512F.Shuffle4x128(u3, u7, 0xDD);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReverseBits(uint x)
    {
        x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
        x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
        x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
        x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
        return (x >> 16) | (x << 16);
    }

    /// <summary>Sizes, twiddle tables and fused factors of one transform.</summary>
    private readonly struct Plan
    {
        public Plan(int sourceLength, int length, bool inverse, ulong pre, ulong scale, ulong post)
        {
            if (!BitOperations.IsPow2(length) || length < (1 << MinLog2) || !BitOperations.IsPow2(sourceLength) || sourceLength > length)
            {
                ThrowHelper.ThrowArgument("The lengths must be powers of two, the source no longer than the destination.", "destination");
            }

            int log2 = BitOperations.Log2((uint)length);
            Log2N1 = log2 / 2;
            Log2N2 = log2 - Log2N1;
            N1 = 1 << Log2N1;
            N2 = 1 << Log2N2;
            if (sourceLength < N2)
            {
                ThrowHelper.ThrowArgument("The source must cover at least one row.", "source");
            }

            SourceRows = sourceLength / N2;
            BlockStride = (N2 + PadVectors) * Lanes;
            ScratchLength = N1 / Lanes * BlockStride;
            StreamingStores = ScratchLength > StreamingThreshold;
            Twiddles1 = Ntt.GetTwiddles(Log2N1, inverse);
            Twiddles2 = Ntt.GetTwiddles(Log2N2, inverse);
            Goldilocks root = Goldilocks.RootOfUnity(log2);
            Root = inverse ? root.Inverse() : root;
            Pre = pre;
            Scale = scale;
            Post = post;
        }

        public int Log2N1 { get; }

        public int Log2N2 { get; }

        public int N1 { get; }

        public int N2 { get; }

        public int SourceRows { get; }

        public int BlockStride { get; }

        public int ScratchLength { get; }

        public bool StreamingStores { get; }

        public ulong[] Twiddles1 { get; }

        public ulong[] Twiddles2 { get; }

        public Goldilocks Root { get; }

        public ulong Pre { get; }

        public ulong Scale { get; }

        public ulong Post { get; }
    }
}
