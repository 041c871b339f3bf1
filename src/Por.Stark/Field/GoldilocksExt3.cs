// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Por.Stark.Field;

/// <summary>
/// An element a0 + a1·x + a2·x² of the cubic extension F_p[x]/(x³ − x − 1) of Goldilocks. x³ − x − 1 has no root in
/// F_p, so it is irreducible and this is a field of size p³ ≈ 2^192. Every verifier challenge lives here.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct GoldilocksExt3 :
    IStarkExtension<GoldilocksExt3, Goldilocks>,
    IStarkExtension<GoldilocksExt3, GoldilocksExt3>,
    IEquatable<GoldilocksExt3>
{
    /// <summary>The size in bytes of the canonical encoding (three base elements).</summary>
    public const int SizeInBytes = 3 * Goldilocks.SizeInBytes;

    /// <summary>Creates an element from its three coordinates.</summary>
    /// <param name="a0">Constant coefficient.</param>
    /// <param name="a1">Coefficient of x.</param>
    /// <param name="a2">Coefficient of x².</param>
    public GoldilocksExt3(Goldilocks a0, Goldilocks a1, Goldilocks a2)
    {
        A0 = a0;
        A1 = a1;
        A2 = a2;
    }

    /// <summary>Constant coefficient.</summary>
    public Goldilocks A0 { get; }

    /// <summary>Coefficient of x.</summary>
    public Goldilocks A1 { get; }

    /// <summary>Coefficient of x².</summary>
    public Goldilocks A2 { get; }

    /// <summary>The additive identity.</summary>
    public static GoldilocksExt3 Zero => default;

    /// <summary>The multiplicative identity.</summary>
    public static GoldilocksExt3 One => new(Goldilocks.One, Goldilocks.Zero, Goldilocks.Zero);

    /// <summary>Whether this element is zero.</summary>
    public bool IsZero => A0.IsZero && A1.IsZero && A2.IsZero;

    /// <summary>Whether this element lies in the base field (a1 = a2 = 0).</summary>
    public bool IsBase => A1.IsZero && A2.IsZero;

    /// <summary>Embeds a base-field element.</summary>
    /// <param name="value">The base element.</param>
    /// <returns>(value, 0, 0).</returns>
    public static GoldilocksExt3 FromBase(Goldilocks value) => new(value, Goldilocks.Zero, Goldilocks.Zero);

    /// <summary>Lifts a base element: (value, 0, 0).</summary>
    /// <param name="value">The base element.</param>
    /// <returns>The extension element.</returns>
    public static GoldilocksExt3 Lift(Goldilocks value) => FromBase(value);

    /// <summary>The identity map (the verifier's main frame is already in the extension).</summary>
    /// <param name="value">The element.</param>
    /// <returns><paramref name="value"/>.</returns>
    public static GoldilocksExt3 Lift(GoldilocksExt3 value) => value;

    /// <summary>Multiplies a base element by an extension element (three base multiplications).</summary>
    /// <param name="value">The base element.</param>
    /// <param name="factor">The extension factor.</param>
    /// <returns>value · factor.</returns>
    public static GoldilocksExt3 Scale(Goldilocks value, GoldilocksExt3 factor) => factor * value;

    /// <summary>Multiplies two extension elements.</summary>
    /// <param name="value">Left operand.</param>
    /// <param name="factor">Right operand.</param>
    /// <returns>value · factor.</returns>
    public static GoldilocksExt3 Scale(GoldilocksExt3 value, GoldilocksExt3 factor) => value * factor;

    /// <summary>The identity map (a scalar extension element holds one value).</summary>
    /// <param name="constant">The constant.</param>
    /// <returns><paramref name="constant"/>.</returns>
    public static GoldilocksExt3 Broadcast(GoldilocksExt3 constant) => constant;

    /// <summary>Addition.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a + b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3 operator +(GoldilocksExt3 a, GoldilocksExt3 b) => new(a.A0 + b.A0, a.A1 + b.A1, a.A2 + b.A2);

    /// <summary>Subtraction.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a − b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3 operator -(GoldilocksExt3 a, GoldilocksExt3 b) => new(a.A0 - b.A0, a.A1 - b.A1, a.A2 - b.A2);

    /// <summary>Negation.</summary>
    /// <param name="a">The operand.</param>
    /// <returns>−a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3 operator -(GoldilocksExt3 a) => new(-a.A0, -a.A1, -a.A2);

    /// <summary>Multiplication modulo x³ − x − 1.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a · b.</returns>
    /// <remarks>
    /// With x³ = x + 1 and x⁴ = x² + x, the result is (c0 + c3, c1 + c3 + c4, c2 + c4) for the schoolbook products
    /// c_k. Each output coordinate is a sum of at most five 128-bit products, accumulated exactly and reduced once
    /// (three reductions instead of nine multiplications' worth plus eight modular additions).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3 operator *(GoldilocksExt3 a, GoldilocksExt3 b)
    {
        ulong a0 = a.A0.Value, a1 = a.A1.Value, a2 = a.A2.Value;
        ulong b0 = b.A0.Value, b1 = b.A1.Value, b2 = b.A2.Value;
        var c3 = WideSum.Product(a1, b2);
        c3.Add(a2, b1);
        var c4 = WideSum.Product(a2, b2);

        var r0 = c3;
        r0.Add(a0, b0);

        var r1 = c3;
        r1.Add(c4);
        r1.Add(a0, b1);
        r1.Add(a1, b0);

        var r2 = c4;
        r2.Add(a0, b2);
        r2.Add(a1, b1);
        r2.Add(a2, b0);
        return new GoldilocksExt3(r0.Reduce(), r1.Reduce(), r2.Reduce());
    }

    /// <summary>The reference schoolbook product with a modular reduction after every operation (for tests).</summary>
    internal static GoldilocksExt3 MultiplyReference(GoldilocksExt3 a, GoldilocksExt3 b)
    {
        Goldilocks c0 = a.A0 * b.A0;
        Goldilocks c1 = (a.A0 * b.A1) + (a.A1 * b.A0);
        Goldilocks c2 = (a.A0 * b.A2) + (a.A1 * b.A1) + (a.A2 * b.A0);
        Goldilocks c3 = (a.A1 * b.A2) + (a.A2 * b.A1);
        Goldilocks c4 = a.A2 * b.A2;
        return new GoldilocksExt3(c0 + c3, c1 + c3 + c4, c2 + c4);
    }

    /// <summary>Multiplication by a base-field element.</summary>
    /// <param name="a">Extension operand.</param>
    /// <param name="b">Base operand.</param>
    /// <returns>a · b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3 operator *(GoldilocksExt3 a, Goldilocks b) => new(a.A0 * b, a.A1 * b, a.A2 * b);

    /// <summary>Addition of a base-field element.</summary>
    /// <param name="a">Extension operand.</param>
    /// <param name="b">Base operand.</param>
    /// <returns>a + b.</returns>
    public static GoldilocksExt3 operator +(GoldilocksExt3 a, Goldilocks b) => new(a.A0 + b, a.A1, a.A2);

    /// <summary>Subtraction of a base-field element.</summary>
    /// <param name="a">Extension operand.</param>
    /// <param name="b">Base operand.</param>
    /// <returns>a − b.</returns>
    public static GoldilocksExt3 operator -(GoldilocksExt3 a, Goldilocks b) => new(a.A0 - b, a.A1, a.A2);

    /// <summary>Equality.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>Whether equal.</returns>
    public static bool operator ==(GoldilocksExt3 a, GoldilocksExt3 b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>Whether different.</returns>
    public static bool operator !=(GoldilocksExt3 a, GoldilocksExt3 b) => !a.Equals(b);

    /// <summary>Raises this element to a power.</summary>
    /// <param name="exponent">The exponent.</param>
    /// <returns>this^exponent.</returns>
    public GoldilocksExt3 Pow(ulong exponent)
    {
        GoldilocksExt3 result = One;
        GoldilocksExt3 square = this;
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

    /// <summary>The Frobenius map a ↦ a^p, linear over F_p: a0 + a1·x^p + a2·x^(2p).</summary>
    /// <returns>this^p.</returns>
    public GoldilocksExt3 Frobenius() =>
        FromBase(A0) + (FrobeniusConstants.XToP * A1) + (FrobeniusConstants.XToTwoP * A2);

    /// <summary>The multiplicative inverse, via the norm: a⁻¹ = a^p · a^(p²) / N(a) with N(a) ∈ F_p.</summary>
    /// <returns>1 / this.</returns>
    /// <exception cref="DivideByZeroException">The element is zero.</exception>
    public GoldilocksExt3 Inverse()
    {
        if (IsZero)
        {
            ThrowHelper.ThrowDivideByZero();
        }

        GoldilocksExt3 ap = Frobenius();
        GoldilocksExt3 ap2 = ap.Frobenius();
        GoldilocksExt3 conjugates = ap * ap2;
        GoldilocksExt3 norm = this * conjugates;
        return conjugates * norm.A0.Inverse();
    }

    /// <summary>Inverts every element in place with a single inversion (Montgomery's trick).</summary>
    /// <param name="values">Non-zero elements; replaced by their inverses.</param>
    /// <exception cref="DivideByZeroException">An element is zero.</exception>
    public static void BatchInverse(Span<GoldilocksExt3> values) => BatchInverse(values, new GoldilocksExt3[values.Length]);

    /// <summary>Inverts every element in place with a single inversion (Montgomery's trick), using caller scratch.</summary>
    /// <param name="values">Non-zero elements; replaced by their inverses.</param>
    /// <param name="scratch">At least as long as <paramref name="values"/>; its contents are overwritten.</param>
    /// <exception cref="DivideByZeroException">An element is zero.</exception>
    /// <exception cref="ArgumentException">The scratch is too short.</exception>
    public static void BatchInverse(Span<GoldilocksExt3> values, Span<GoldilocksExt3> scratch)
    {
        if (scratch.Length < values.Length)
        {
            ThrowHelper.ThrowArgument("The scratch is shorter than the values.", nameof(scratch));
        }

        if (values.IsEmpty)
        {
            return;
        }

        GoldilocksExt3 acc = One;
        for (int i = 0; i < values.Length; i++)
        {
            scratch[i] = acc;
            acc *= values[i];
        }

        GoldilocksExt3 inv = acc.Inverse();
        for (int i = values.Length - 1; i >= 0; i--)
        {
            GoldilocksExt3 v = values[i];
            values[i] = inv * scratch[i];
            inv *= v;
        }
    }

    /// <summary>Writes the canonical 24-byte encoding (a0, a1, a2, each 8 bytes little-endian).</summary>
    /// <param name="destination">At least 24 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < SizeInBytes)
        {
            ThrowHelper.ThrowArgument("The destination is shorter than 24 bytes.", nameof(destination));
        }

        A0.WriteTo(destination);
        A1.WriteTo(destination[8..]);
        A2.WriteTo(destination[16..]);
    }

    /// <summary>Reads a canonical 24-byte encoding, rejecting any coordinate ≥ p.</summary>
    /// <param name="source">At least 24 bytes.</param>
    /// <param name="value">The element read.</param>
    /// <returns><see langword="false"/> when short or non-canonical.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, out GoldilocksExt3 value)
    {
        value = default;
        if (source.Length < SizeInBytes
            || !Goldilocks.TryRead(source, out Goldilocks a0)
            || !Goldilocks.TryRead(source[8..], out Goldilocks a1)
            || !Goldilocks.TryRead(source[16..], out Goldilocks a2))
        {
            return false;
        }

        value = new GoldilocksExt3(a0, a1, a2);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(GoldilocksExt3 other) => A0 == other.A0 && A1 == other.A1 && A2 == other.A2;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is GoldilocksExt3 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(A0, A1, A2);

    /// <inheritdoc />
    public override string ToString() => $"({A0}, {A1}, {A2})";
}
