// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Por.Stark.Field;

/// <summary>
/// Eight <see cref="GoldilocksExt3"/> elements processed together, stored as three packed coordinates: the
/// extension type of <see cref="GoldilocksX8"/> when the prover evaluates auxiliary constraints eight points at a time.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct GoldilocksExt3X8 : IStarkExtension<GoldilocksExt3X8, GoldilocksX8>, IEquatable<GoldilocksExt3X8>
{
    /// <summary>Creates a value from its three packed coordinates.</summary>
    /// <param name="a0">Constant coefficients.</param>
    /// <param name="a1">Coefficients of x.</param>
    /// <param name="a2">Coefficients of x².</param>
    public GoldilocksExt3X8(GoldilocksX8 a0, GoldilocksX8 a1, GoldilocksX8 a2)
    {
        A0 = a0;
        A1 = a1;
        A2 = a2;
    }

    /// <summary>Constant coefficients.</summary>
    public GoldilocksX8 A0 { get; }

    /// <summary>Coefficients of x.</summary>
    public GoldilocksX8 A1 { get; }

    /// <summary>Coefficients of x².</summary>
    public GoldilocksX8 A2 { get; }

    /// <summary>All lanes zero.</summary>
    public static GoldilocksExt3X8 Zero => default;

    /// <summary>All lanes one.</summary>
    public static GoldilocksExt3X8 One => new(GoldilocksX8.One, GoldilocksX8.Zero, GoldilocksX8.Zero);

    /// <summary>Every lane holds the base element.</summary>
    /// <param name="value">The base element.</param>
    /// <returns>(value, 0, 0) in every lane.</returns>
    public static GoldilocksExt3X8 FromBase(Goldilocks value) => new(GoldilocksX8.FromBase(value), GoldilocksX8.Zero, GoldilocksX8.Zero);

    /// <summary>Lifts packed base elements.</summary>
    /// <param name="value">The packed base elements.</param>
    /// <returns>(value, 0, 0) lane-wise.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 Lift(GoldilocksX8 value) => new(value, GoldilocksX8.Zero, GoldilocksX8.Zero);

    /// <summary>Multiplies packed base elements by one extension element (three packed multiplications).</summary>
    /// <param name="value">The packed base elements.</param>
    /// <param name="factor">The extension factor.</param>
    /// <returns>value · factor lane-wise.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 Scale(GoldilocksX8 value, GoldilocksExt3 factor) =>
        new(value * factor.A0, value * factor.A1, value * factor.A2);

    /// <summary>Every lane holds the extension element.</summary>
    /// <param name="constant">The element.</param>
    /// <returns>The broadcast value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 Broadcast(GoldilocksExt3 constant) =>
        new(GoldilocksX8.FromBase(constant.A0), GoldilocksX8.FromBase(constant.A1), GoldilocksX8.FromBase(constant.A2));

    /// <summary>Loads eight consecutive points of an extension column stored as three coordinate columns.</summary>
    /// <param name="a0">Constant coefficients (at least eight).</param>
    /// <param name="a1">Coefficients of x (at least eight).</param>
    /// <param name="a2">Coefficients of x² (at least eight).</param>
    /// <returns>The packed value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 Load(ReadOnlySpan<Goldilocks> a0, ReadOnlySpan<Goldilocks> a1, ReadOnlySpan<Goldilocks> a2) =>
        new(GoldilocksX8.Load(a0), GoldilocksX8.Load(a1), GoldilocksX8.Load(a2));

    /// <summary>One lane.</summary>
    /// <param name="lane">0..7.</param>
    /// <returns>The lane's element.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lane"/> is outside 0..7.</exception>
    public GoldilocksExt3 GetLane(int lane) => new(A0.GetLane(lane), A1.GetLane(lane), A2.GetLane(lane));

    /// <summary>Lane-wise addition.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a + b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 operator +(GoldilocksExt3X8 a, GoldilocksExt3X8 b) => new(a.A0 + b.A0, a.A1 + b.A1, a.A2 + b.A2);

    /// <summary>Lane-wise subtraction.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a − b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 operator -(GoldilocksExt3X8 a, GoldilocksExt3X8 b) => new(a.A0 - b.A0, a.A1 - b.A1, a.A2 - b.A2);

    /// <summary>Lane-wise negation.</summary>
    /// <param name="a">The operand.</param>
    /// <returns>−a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 operator -(GoldilocksExt3X8 a) => new(-a.A0, -a.A1, -a.A2);

    /// <summary>Lane-wise multiplication modulo x³ − x − 1.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a · b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 operator *(GoldilocksExt3X8 a, GoldilocksExt3X8 b)
    {
        GoldilocksX8 c0 = a.A0 * b.A0;
        GoldilocksX8 c1 = (a.A0 * b.A1) + (a.A1 * b.A0);
        GoldilocksX8 c2 = (a.A0 * b.A2) + (a.A1 * b.A1) + (a.A2 * b.A0);
        GoldilocksX8 c3 = (a.A1 * b.A2) + (a.A2 * b.A1);
        GoldilocksX8 c4 = a.A2 * b.A2;
        // x³ = x + 1 and x⁴ = x² + x.
        return new GoldilocksExt3X8(c0 + c3, c1 + c3 + c4, c2 + c4);
    }

    /// <summary>Lane-wise multiplication by packed base elements.</summary>
    /// <param name="a">The extension operand.</param>
    /// <param name="b">The packed base operand.</param>
    /// <returns>a · b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 operator *(GoldilocksExt3X8 a, GoldilocksX8 b) => new(a.A0 * b, a.A1 * b, a.A2 * b);

    /// <summary>Lane-wise multiplication by one extension element.</summary>
    /// <param name="a">The packed operand.</param>
    /// <param name="constant">The extension element.</param>
    /// <returns>a · constant.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksExt3X8 operator *(GoldilocksExt3X8 a, GoldilocksExt3 constant) => a * Broadcast(constant);

    /// <summary>Whether every lane is equal.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>Whether equal.</returns>
    public static bool operator ==(GoldilocksExt3X8 a, GoldilocksExt3X8 b) => a.Equals(b);

    /// <summary>Whether some lane differs.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>Whether different.</returns>
    public static bool operator !=(GoldilocksExt3X8 a, GoldilocksExt3X8 b) => !a.Equals(b);

    /// <inheritdoc />
    public bool Equals(GoldilocksExt3X8 other) => A0 == other.A0 && A1 == other.A1 && A2 == other.A2;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is GoldilocksExt3X8 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(A0, A1, A2);

    /// <inheritdoc />
    public override string ToString() => $"({A0}, {A1}, {A2})";
}
