// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Por.Stark.Field;

/// <summary>
/// An element of the Goldilocks prime field, p = 2^64 − 2^32 + 1. The value is always kept canonical (&lt; p),
/// so equality, hashing and serialization work on the raw <see cref="Value"/>.
/// </summary>
public readonly struct Goldilocks : IStarkField<Goldilocks>, IEquatable<Goldilocks>
{
    /// <summary>The field modulus p = 2^64 − 2^32 + 1.</summary>
    public const ulong Modulus = 0xFFFF_FFFF_0000_0001UL;

    /// <summary>ε = 2^64 mod p = 2^32 − 1.</summary>
    internal const ulong Epsilon = 0xFFFF_FFFFUL;

    /// <summary>The size in bytes of the canonical little-endian encoding.</summary>
    public const int SizeInBytes = 8;

    /// <summary>The two-adicity of p − 1: the multiplicative group has a subgroup of order 2^32.</summary>
    public const int TwoAdicity = 32;

    private readonly ulong _value;

    private Goldilocks(ulong canonical, bool _) => _value = canonical;

    /// <summary>Creates an element from any 64-bit integer, reducing it modulo p.</summary>
    /// <param name="value">Any 64-bit value; values ≥ p are reduced.</param>
    public Goldilocks(ulong value) => _value = value >= Modulus ? unchecked(value - Modulus) : value;

    /// <summary>The canonical representative in [0, p).</summary>
    public ulong Value => _value;

    /// <summary>The additive identity.</summary>
    public static Goldilocks Zero => default;

    /// <summary>The multiplicative identity.</summary>
    public static Goldilocks One => new(1UL, true);

    /// <summary>A generator of the multiplicative group (7).</summary>
    public static Goldilocks MultiplicativeGenerator => new(7UL, true);

    /// <summary>Returns <see langword="true"/> when this element is zero.</summary>
    public bool IsZero => _value == 0;

    /// <summary>The element itself (the base field is its own lift).</summary>
    /// <param name="value">A base-field element.</param>
    /// <returns><paramref name="value"/>.</returns>
    public static Goldilocks FromBase(Goldilocks value) => value;

    /// <summary>Creates an element from a value that must already be canonical.</summary>
    /// <param name="value">A value in [0, p).</param>
    /// <returns>The element.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is ≥ p.</exception>
    public static Goldilocks FromCanonical(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, Modulus);
        return new Goldilocks(value, true);
    }

    /// <summary>Creates an element from a value that must already be canonical.</summary>
    /// <param name="value">A candidate value.</param>
    /// <param name="result">The element when <paramref name="value"/> &lt; p.</param>
    /// <returns><see langword="false"/> for non-canonical values (≥ p).</returns>
    public static bool TryFromCanonical(ulong value, out Goldilocks result)
    {
        result = new Goldilocks(value < Modulus ? value : 0, true);
        return value < Modulus;
    }

    /// <summary>Wraps a value the caller guarantees is canonical, without checking.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Goldilocks FromCanonicalUnchecked(ulong value) => new(value, true);

    /// <summary>Field addition.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a + b mod p.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Goldilocks operator +(Goldilocks a, Goldilocks b) => new(AddRaw(a._value, b._value), true);

    /// <summary>Field subtraction.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a − b mod p.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Goldilocks operator -(Goldilocks a, Goldilocks b) => new(SubRaw(a._value, b._value), true);

    /// <summary>Field negation.</summary>
    /// <param name="a">The operand.</param>
    /// <returns>−a mod p.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Goldilocks operator -(Goldilocks a) => new(SubRaw(0, a._value), true);

    /// <summary>Field multiplication.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a · b mod p.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Goldilocks operator *(Goldilocks a, Goldilocks b) => new(MulRaw(a._value, b._value), true);

    /// <summary>Equality of canonical values.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>Whether the elements are equal.</returns>
    public static bool operator ==(Goldilocks a, Goldilocks b) => a._value == b._value;

    /// <summary>Inequality of canonical values.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>Whether the elements differ.</returns>
    public static bool operator !=(Goldilocks a, Goldilocks b) => a._value != b._value;

    /// <summary>Adds two values (each possibly non-canonical, &lt; 2^64) and returns a canonical sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddRaw(ulong a, ulong b)
    {
        unchecked
        {
            // a + b = s + carry·2^64 ≡ s + carry·ε; a second carry is impossible because s < ε whenever carry = 1
            // and the operands were < 2^64.
            ulong s = a + b;
            ulong carry = s < a ? Epsilon : 0UL;
            s += carry;
            return Canonicalize(s);
        }
    }

    /// <summary>Subtracts two values (b canonical or not) and returns a canonical difference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SubRaw(ulong a, ulong b)
    {
        unchecked
        {
            ulong d = a - b;
            ulong borrow = a < b ? Epsilon : 0UL;
            d -= borrow;
            return Canonicalize(d);
        }
    }

    /// <summary>Multiplies two 64-bit values and returns the canonical product modulo p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulRaw(ulong a, ulong b)
    {
        ulong hi = Math.BigMul(a, b, out ulong lo);
        return Reduce128(hi, lo);
    }

    /// <summary>Reduces hi·2^64 + lo modulo p with 2^64 ≡ ε and 2^96 ≡ −1, using masks instead of branches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Reduce128(ulong hi, ulong lo)
    {
        unchecked
        {
            ulong hiHi = hi >> 32;
            ulong hiLo = hi & Epsilon;
            // t0 = lo − hiHi (2^96 ≡ −1); on borrow subtract ε more (wrap by 2^64 ≡ ε).
            ulong t0 = lo - hiHi;
            ulong borrowMask = 0UL - (ulong)(lo < hiHi ? 1 : 0);
            t0 -= Epsilon & borrowMask;
            // t1 = hiLo·ε < 2^64.
            ulong t1 = (hiLo << 32) - hiLo;
            ulong r = t0 + t1;
            ulong carryMask = 0UL - (ulong)(r < t1 ? 1 : 0);
            r += Epsilon & carryMask;
            return Canonicalize(r);
        }
    }

    /// <summary>Maps a value in [0, 2^64) to [0, p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Canonicalize(ulong x) => unchecked(x >= Modulus ? x - Modulus : x);

    /// <summary>Raises this element to a power.</summary>
    /// <param name="exponent">The exponent.</param>
    /// <returns>this^exponent.</returns>
    public Goldilocks Pow(ulong exponent)
    {
        Goldilocks result = One;
        Goldilocks square = this;
        while (exponent != 0)
        {
            if ((exponent & 1) != 0)
            {
                result *= square;
            }

            square *= square;
            exponent >>= 1;
        }

        return result;
    }

    /// <summary>The multiplicative inverse.</summary>
    /// <returns>this^(p − 2).</returns>
    /// <exception cref="DivideByZeroException">The element is zero.</exception>
    public Goldilocks Inverse()
    {
        if (_value == 0)
        {
            ThrowHelper.ThrowDivideByZero();
        }

        return Pow(Modulus - 2);
    }

    /// <summary>A primitive root of unity of order 2^<paramref name="log2Order"/>.</summary>
    /// <param name="log2Order">log2 of the order, 0..32.</param>
    /// <returns>A generator of the subgroup of that order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="log2Order"/> exceeds 32.</exception>
    public static Goldilocks RootOfUnity(int log2Order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(log2Order);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(log2Order, TwoAdicity);
        // 7 generates F_p^*; 7^((p−1)/2^32) has order 2^32.
        Goldilocks root = MultiplicativeGenerator.Pow((Modulus - 1) >> TwoAdicity);
        for (int i = TwoAdicity; i > log2Order; i--)
        {
            root *= root;
        }

        return root;
    }

    /// <summary>Inverts every element of a span in place using one field inversion (Montgomery's trick).</summary>
    /// <param name="values">Non-zero elements; replaced by their inverses.</param>
    /// <exception cref="DivideByZeroException">An element is zero.</exception>
    public static void BatchInverse(Span<Goldilocks> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var prefix = new Goldilocks[values.Length];
        Goldilocks acc = One;
        for (int i = 0; i < values.Length; i++)
        {
            prefix[i] = acc;
            acc *= values[i];
        }

        Goldilocks inv = acc.Inverse();
        for (int i = values.Length - 1; i >= 0; i--)
        {
            Goldilocks v = values[i];
            values[i] = inv * prefix[i];
            inv *= v;
        }
    }

    /// <summary>Writes the canonical 8-byte little-endian encoding.</summary>
    /// <param name="destination">At least 8 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt64LittleEndian(destination, _value);

    /// <summary>Reads a canonical 8-byte little-endian encoding, rejecting values ≥ p.</summary>
    /// <param name="source">At least 8 bytes.</param>
    /// <param name="value">The element read.</param>
    /// <returns><see langword="false"/> when the encoding is short or non-canonical.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, out Goldilocks value)
    {
        if (source.Length < SizeInBytes)
        {
            value = default;
            return false;
        }

        return TryFromCanonical(BinaryPrimitives.ReadUInt64LittleEndian(source), out value);
    }

    /// <inheritdoc />
    public bool Equals(Goldilocks other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Goldilocks other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => "0x" + _value.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Explicit conversion from a canonical integer (reduces values ≥ p).</summary>
    /// <param name="value">The integer.</param>
    public static explicit operator Goldilocks(ulong value) => new(value);

    /// <summary>Creates an element from any 64-bit integer, reducing it modulo p.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>value mod p.</returns>
    public static Goldilocks FromUInt64(ulong value) => new(value);
}
