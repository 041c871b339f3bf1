// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Por.Stark.Field;

/// <summary>
/// Bulk Goldilocks arithmetic over spans. Uses AVX-512 (8 lanes) when <see cref="Avx512F"/> is supported, AVX2
/// (4 lanes) otherwise, and a scalar loop for the tail and on other hardware. Every path gives identical results.
/// </summary>
public static class GoldilocksVector
{
    /// <summary>Whether the 8-lane AVX-512 kernels run on this machine.</summary>
    public static bool IsVector512Accelerated => Avx512F.IsSupported;

    /// <summary>Whether the 4-lane AVX2 kernels run on this machine.</summary>
    public static bool IsVector256Accelerated => Avx2.IsSupported;

    /// <summary>destination[i] = left[i] · right[i].</summary>
    /// <param name="left">Left operands.</param>
    /// <param name="right">Right operands, same length.</param>
    /// <param name="destination">Results, same length (may alias an input).</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Multiply(ReadOnlySpan<Goldilocks> left, ReadOnlySpan<Goldilocks> right, Span<Goldilocks> destination)
    {
        CheckLengths(left.Length, right.Length, destination.Length);
        ReadOnlySpan<ulong> a = MemoryMarshal.Cast<Goldilocks, ulong>(left);
        ReadOnlySpan<ulong> b = MemoryMarshal.Cast<Goldilocks, ulong>(right);
        Span<ulong> d = MemoryMarshal.Cast<Goldilocks, ulong>(destination);
        int i = 0;
        if (Avx512F.IsSupported)
        {
            for (; i + 8 <= a.Length; i += 8)
            {
                Mul512(Vector512.Create(a.Slice(i, 8)), Vector512.Create(b.Slice(i, 8))).CopyTo(d.Slice(i, 8));
            }
        }
        else if (Avx2.IsSupported)
        {
            for (; i + 4 <= a.Length; i += 4)
            {
                Mul256(Vector256.Create(a.Slice(i, 4)), Vector256.Create(b.Slice(i, 4))).CopyTo(d.Slice(i, 4));
            }
        }

        for (; i < a.Length; i++)
        {
            d[i] = Goldilocks.MulRaw(a[i], b[i]);
        }
    }

    /// <summary>destination[i] = left[i] + right[i].</summary>
    /// <param name="left">Left operands.</param>
    /// <param name="right">Right operands, same length.</param>
    /// <param name="destination">Results, same length (may alias an input).</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Add(ReadOnlySpan<Goldilocks> left, ReadOnlySpan<Goldilocks> right, Span<Goldilocks> destination)
    {
        CheckLengths(left.Length, right.Length, destination.Length);
        ReadOnlySpan<ulong> a = MemoryMarshal.Cast<Goldilocks, ulong>(left);
        ReadOnlySpan<ulong> b = MemoryMarshal.Cast<Goldilocks, ulong>(right);
        Span<ulong> d = MemoryMarshal.Cast<Goldilocks, ulong>(destination);
        int i = 0;
        if (Avx512F.IsSupported)
        {
            for (; i + 8 <= a.Length; i += 8)
            {
                Add512(Vector512.Create(a.Slice(i, 8)), Vector512.Create(b.Slice(i, 8))).CopyTo(d.Slice(i, 8));
            }
        }
        else if (Avx2.IsSupported)
        {
            for (; i + 4 <= a.Length; i += 4)
            {
                Add256(Vector256.Create(a.Slice(i, 4)), Vector256.Create(b.Slice(i, 4))).CopyTo(d.Slice(i, 4));
            }
        }

        for (; i < a.Length; i++)
        {
            d[i] = Goldilocks.AddRaw(a[i], b[i]);
        }
    }

    /// <summary>values[i] = values[i] · factor.</summary>
    /// <param name="values">The elements to scale in place.</param>
    /// <param name="factor">The scalar.</param>
    public static void Scale(Span<Goldilocks> values, Goldilocks factor)
    {
        Span<ulong> d = MemoryMarshal.Cast<Goldilocks, ulong>(values);
        ulong f = factor.Value;
        int i = 0;
        if (Avx512F.IsSupported)
        {
            Vector512<ulong> fv = Vector512.Create(f);
            for (; i + 8 <= d.Length; i += 8)
            {
                Mul512(Vector512.Create(d.Slice(i, 8)), fv).CopyTo(d.Slice(i, 8));
            }
        }
        else if (Avx2.IsSupported)
        {
            Vector256<ulong> fv = Vector256.Create(f);
            for (; i + 4 <= d.Length; i += 4)
            {
                Mul256(Vector256.Create(d.Slice(i, 4)), fv).CopyTo(d.Slice(i, 4));
            }
        }

        for (; i < d.Length; i++)
        {
            d[i] = Goldilocks.MulRaw(d[i], f);
        }
    }

    /// <summary>
    /// One radix-2 butterfly stage on contiguous halves: (a, b) ← (a + w·b, a − w·b) element-wise. Used by the NTT.
    /// </summary>
    internal static void Butterfly(Span<ulong> top, Span<ulong> bottom, ReadOnlySpan<ulong> twiddles)
    {
        int i = 0;
        if (Avx512F.IsSupported)
        {
            for (; i + 8 <= top.Length; i += 8)
            {
                Vector512<ulong> a = Vector512.Create(top.Slice(i, 8));
                Vector512<ulong> t = Mul512(Vector512.Create(bottom.Slice(i, 8)), Vector512.Create(twiddles.Slice(i, 8)));
                Add512(a, t).CopyTo(top.Slice(i, 8));
                Sub512(a, t).CopyTo(bottom.Slice(i, 8));
            }
        }
        else if (Avx2.IsSupported)
        {
            for (; i + 4 <= top.Length; i += 4)
            {
                Vector256<ulong> a = Vector256.Create(top.Slice(i, 4));
                Vector256<ulong> t = Mul256(Vector256.Create(bottom.Slice(i, 4)), Vector256.Create(twiddles.Slice(i, 4)));
                Add256(a, t).CopyTo(top.Slice(i, 4));
                Sub256(a, t).CopyTo(bottom.Slice(i, 4));
            }
        }

        for (; i < top.Length; i++)
        {
            ulong a = top[i];
            ulong t = Goldilocks.MulRaw(bottom[i], twiddles[i]);
            top[i] = Goldilocks.AddRaw(a, t);
            bottom[i] = Goldilocks.SubRaw(a, t);
        }
    }

    /// <summary>Scalar reference of <see cref="Multiply"/>, exposed for differential tests.</summary>
    internal static void MultiplyScalar(ReadOnlySpan<Goldilocks> left, ReadOnlySpan<Goldilocks> right, Span<Goldilocks> destination)
    {
        for (int i = 0; i < left.Length; i++)
        {
            destination[i] = left[i] * right[i];
        }
    }

    private static void CheckLengths(int a, int b, int d)
    {
        if (a != b || a != d)
        {
            ThrowHelper.ThrowArgument("All spans must have the same length.", "destination");
        }
    }

    // One AVX-512 Goldilocks multiply for the whole engine (GoldilocksAvx512, shared with the NTT). Lanes may hold any
    // 64-bit value (non-canonical inputs are accepted); outputs are canonical.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> Mul512(Vector512<ulong> a, Vector512<ulong> b) => GoldilocksAvx512.Multiply(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> Add512(Vector512<ulong> a, Vector512<ulong> b)
    {
        Vector512<ulong> eps = Vector512.Create(Goldilocks.Epsilon);
        Vector512<ulong> s = a + b;
        s += eps & Vector512.LessThan(s, a);
        return GoldilocksAvx512.Canonicalize(s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> Sub512(Vector512<ulong> a, Vector512<ulong> b)
    {
        Vector512<ulong> eps = Vector512.Create(Goldilocks.Epsilon);
        Vector512<ulong> d = a - b;
        d -= eps & Vector512.LessThan(a, b);
        return GoldilocksAvx512.Canonicalize(d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> Mul256(Vector256<ulong> a, Vector256<ulong> b)
    {
        Vector256<ulong> mask32 = Vector256.Create(Goldilocks.Epsilon);
        Vector256<ulong> aHi = Vector256.ShiftRightLogical(a, 32);
        Vector256<ulong> bHi = Vector256.ShiftRightLogical(b, 32);
        Vector256<ulong> ll = Avx2.Multiply(a.AsUInt32(), b.AsUInt32());
        Vector256<ulong> lh = Avx2.Multiply(a.AsUInt32(), bHi.AsUInt32());
        Vector256<ulong> hl = Avx2.Multiply(aHi.AsUInt32(), b.AsUInt32());
        Vector256<ulong> hh = Avx2.Multiply(aHi.AsUInt32(), bHi.AsUInt32());
        Vector256<ulong> mid = lh + Vector256.ShiftRightLogical(ll, 32) + (hl & mask32);
        Vector256<ulong> lo = Vector256.ShiftLeft(mid, 32) | (ll & mask32);
        Vector256<ulong> hi = hh + Vector256.ShiftRightLogical(mid, 32) + Vector256.ShiftRightLogical(hl, 32);
        Vector256<ulong> eps = mask32;
        Vector256<ulong> hiHi = Vector256.ShiftRightLogical(hi, 32);
        Vector256<ulong> hiLo = hi & eps;
        Vector256<ulong> t0 = lo - hiHi;
        t0 -= eps & Vector256.LessThan(lo, hiHi);
        Vector256<ulong> t1 = Vector256.ShiftLeft(hiLo, 32) - hiLo;
        Vector256<ulong> r = t0 + t1;
        r += eps & Vector256.LessThan(r, t1);
        return Canonicalize256(r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Canonicalize256(Vector256<ulong> r)
    {
        Vector256<ulong> p = Vector256.Create(Goldilocks.Modulus);
        return r - (p & Vector256.GreaterThanOrEqual(r, p));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> Add256(Vector256<ulong> a, Vector256<ulong> b)
    {
        Vector256<ulong> eps = Vector256.Create(Goldilocks.Epsilon);
        Vector256<ulong> s = a + b;
        s += eps & Vector256.LessThan(s, a);
        return Canonicalize256(s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> Sub256(Vector256<ulong> a, Vector256<ulong> b)
    {
        Vector256<ulong> eps = Vector256.Create(Goldilocks.Epsilon);
        Vector256<ulong> d = a - b;
        d -= eps & Vector256.LessThan(a, b);
        return Canonicalize256(d);
    }
}
