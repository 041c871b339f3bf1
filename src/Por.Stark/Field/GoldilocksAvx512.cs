// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Por.Stark.Field;

/// <summary>
/// Eight-lane Goldilocks arithmetic for hot kernels (the NTT), written so the JIT keeps comparison results in
/// AVX-512 mask registers (compare + masked add/sub) and canonicalises with one unsigned minimum. Operands must be
/// canonical unless stated otherwise; results are canonical. Callers check <see cref="Avx512F.IsSupported"/>.
/// </summary>
internal static class GoldilocksAvx512
{
    /// <summary>(a + b) mod p for canonical a and any 64-bit b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> Add(Vector512<ulong> a, Vector512<ulong> b)
    {
        Vector512<ulong> eps = Vector512.Create(Goldilocks.Epsilon);
        Vector512<ulong> s = a + b;
        // A carry drops 2^64 ≡ ε; a + b − 2^64 + ε < 2^64 because a < p.
        s = Vector512.ConditionalSelect(Vector512.LessThan(s, a), s + eps, s);
        return Canonicalize(s);
    }

    /// <summary>(a − b) mod p for canonical a and b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> Subtract(Vector512<ulong> a, Vector512<ulong> b)
    {
        // Without a borrow a − b is already in [0, p); with one, a − b + 2^64 − ε = a − b + p is in (0, p).
        Vector512<ulong> d = a - b;
        return Vector512.ConditionalSelect(Vector512.LessThan(a, b), d - Vector512.Create(Goldilocks.Epsilon), d);
    }

    /// <summary>(a · b) mod p for any 64-bit a and b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> Multiply(Vector512<ulong> a, Vector512<ulong> b)
    {
        Vector512<ulong> mask32 = Vector512.Create(Goldilocks.Epsilon);
        Vector512<ulong> aHi = Vector512.ShiftRightLogical(a, 32);
        Vector512<ulong> bHi = Vector512.ShiftRightLogical(b, 32);
        Vector512<ulong> ll = Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
        Vector512<ulong> lh = Avx512F.Multiply(a.AsUInt32(), bHi.AsUInt32());
        Vector512<ulong> hl = Avx512F.Multiply(aHi.AsUInt32(), b.AsUInt32());
        Vector512<ulong> hh = Avx512F.Multiply(aHi.AsUInt32(), bHi.AsUInt32());
        Vector512<ulong> mid = lh + Vector512.ShiftRightLogical(ll, 32) + (hl & mask32);
        Vector512<ulong> lo = Vector512.ShiftLeft(mid, 32) | (ll & mask32);
        Vector512<ulong> hi = hh + Vector512.ShiftRightLogical(mid, 32) + Vector512.ShiftRightLogical(hl, 32);
        return Reduce(hi, lo);
    }

    /// <summary>hi·2^64 + lo mod p using 2^64 ≡ ε and 2^96 ≡ −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> Reduce(Vector512<ulong> hi, Vector512<ulong> lo)
    {
        Vector512<ulong> eps = Vector512.Create(Goldilocks.Epsilon);
        Vector512<ulong> hiHi = Vector512.ShiftRightLogical(hi, 32);
        Vector512<ulong> hiLo = hi & eps;
        Vector512<ulong> t0 = lo - hiHi;
        t0 = Vector512.ConditionalSelect(Vector512.LessThan(lo, hiHi), t0 - eps, t0);
        Vector512<ulong> t1 = Vector512.ShiftLeft(hiLo, 32) - hiLo;
        Vector512<ulong> r = t0 + t1;
        r = Vector512.ConditionalSelect(Vector512.LessThan(r, t1), r + eps, r);
        return Canonicalize(r);
    }

    /// <summary>Maps [0, 2^64) to [0, p): r − p wraps above r exactly when r &lt; p, so the minimum is canonical.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> Canonicalize(Vector512<ulong> r) => Vector512.Min(r, r - Vector512.Create(Goldilocks.Modulus));
}
