// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;

namespace Por.Stark.Field;

/// <summary>
/// An exact sum of a few 64×64-bit products (below 2^131), reduced modulo p once at the end. Used to multiply
/// extension elements without a modular reduction per product.
/// </summary>
internal struct WideSum
{
    private ulong _lo;
    private ulong _hi;
    private ulong _top;

    /// <summary>Starts a sum with one product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideSum Product(ulong a, ulong b)
    {
        WideSum sum = default;
        sum._hi = Math.BigMul(a, b, out sum._lo);
        return sum;
    }

    /// <summary>Adds a·b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong a, ulong b)
    {
        unchecked
        {
            // hi ≤ 2^64 − 2 for any 64-bit operands, so hi + carry cannot wrap.
            ulong hi = Math.BigMul(a, b, out ulong lo);
            _lo += lo;
            hi += _lo < lo ? 1UL : 0UL;
            _hi += hi;
            _top += _hi < hi ? 1UL : 0UL;
        }
    }

    /// <summary>Adds another sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(WideSum other)
    {
        unchecked
        {
            _lo += other._lo;
            ulong carry = _lo < other._lo ? 1UL : 0UL;
            ulong hi = other._hi + carry;
            // other._hi + carry wraps only when other._hi = 2^64 − 1; the wrapped 2^64 moves to _top.
            ulong wrap = hi < carry ? 1UL : 0UL;
            _hi += hi;
            _top += other._top + wrap + (_hi < hi ? 1UL : 0UL);
        }
    }

    /// <summary>The canonical value modulo p: 2^128 ≡ −2^32 (2^96 ≡ −1), and _top is at most a handful.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Goldilocks Reduce()
    {
        ulong low = Goldilocks.Reduce128(_hi, _lo);
        return Goldilocks.FromCanonicalUnchecked(Goldilocks.SubRaw(low, unchecked(_top << 32)));
    }
}
