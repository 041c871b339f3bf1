// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Por.Stark.Field;

/// <summary>
/// Eight Goldilocks elements processed together (one per lane of a <see cref="Vector512{T}"/>): the prover evaluates
/// an AIR once for eight consecutive LDE points. Every lane is kept canonical. The arithmetic uses AVX-512 when
/// available, two AVX2 halves otherwise, and a lane-by-lane scalar loop without hardware intrinsics; all three give
/// identical lanes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct GoldilocksX8 : IStarkField<GoldilocksX8>, IEquatable<GoldilocksX8>
{
    /// <summary>The number of lanes.</summary>
    public const int Lanes = 8;

    private readonly Vector512<ulong> _lanes;

    private GoldilocksX8(Vector512<ulong> canonicalLanes) => _lanes = canonicalLanes;

    /// <summary>Whether the arithmetic runs on SIMD hardware (AVX-512 or AVX2); otherwise lanes are looped over.</summary>
    public static bool IsHardwareAccelerated => Avx512F.IsSupported || Avx2.IsSupported;

    /// <summary>All lanes zero.</summary>
    public static GoldilocksX8 Zero => default;

    /// <summary>All lanes one.</summary>
    public static GoldilocksX8 One => new(Vector512.Create(1UL));

    /// <summary>The lanes as raw canonical values.</summary>
    internal Vector512<ulong> Raw => _lanes;

    /// <summary>Every lane holds <paramref name="value"/>.</summary>
    /// <param name="value">The base element.</param>
    /// <returns>The broadcast value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksX8 FromBase(Goldilocks value) => new(Vector512.Create(value.Value));

    /// <summary>Loads eight consecutive elements.</summary>
    /// <param name="source">At least eight elements; lane k is source[k].</param>
    /// <returns>The packed value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="source"/> is shorter than eight.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksX8 Load(ReadOnlySpan<Goldilocks> source) =>
        new(Vector512.Create(MemoryMarshal.Cast<Goldilocks, ulong>(source)));

    /// <summary>Creates a value from eight elements.</summary>
    /// <param name="lanes">Exactly the lanes, in order.</param>
    /// <returns>The packed value.</returns>
    /// <exception cref="ArgumentException">Not exactly eight lanes.</exception>
    public static GoldilocksX8 Create(ReadOnlySpan<Goldilocks> lanes)
    {
        if (lanes.Length != Lanes)
        {
            ThrowHelper.ThrowArgument("A packed value has exactly eight lanes.", nameof(lanes));
        }

        return Load(lanes);
    }

    /// <summary>Stores the eight lanes.</summary>
    /// <param name="destination">At least eight elements; receives lane k at index k.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than eight.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<Goldilocks> destination) => _lanes.CopyTo(MemoryMarshal.Cast<Goldilocks, ulong>(destination));

    /// <summary>One lane.</summary>
    /// <param name="lane">0..7.</param>
    /// <returns>The lane's element.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lane"/> is outside 0..7.</exception>
    public Goldilocks GetLane(int lane) => Goldilocks.FromCanonicalUnchecked(_lanes.GetElement(lane));

    /// <summary>Lane-wise addition.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a + b in every lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksX8 operator +(GoldilocksX8 a, GoldilocksX8 b)
    {
        if (Avx512F.IsSupported)
        {
            return new(GoldilocksVector.Add512(a._lanes, b._lanes));
        }

        if (Avx2.IsSupported)
        {
            return new(Vector512.Create(
                GoldilocksVector.Add256(a._lanes.GetLower(), b._lanes.GetLower()),
                GoldilocksVector.Add256(a._lanes.GetUpper(), b._lanes.GetUpper())));
        }

        return LaneWise(a, b, LaneOperation.Add);
    }

    /// <summary>Lane-wise subtraction.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a − b in every lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksX8 operator -(GoldilocksX8 a, GoldilocksX8 b)
    {
        if (Avx512F.IsSupported)
        {
            return new(GoldilocksVector.Sub512(a._lanes, b._lanes));
        }

        if (Avx2.IsSupported)
        {
            return new(Vector512.Create(
                GoldilocksVector.Sub256(a._lanes.GetLower(), b._lanes.GetLower()),
                GoldilocksVector.Sub256(a._lanes.GetUpper(), b._lanes.GetUpper())));
        }

        return LaneWise(a, b, LaneOperation.Subtract);
    }

    /// <summary>Lane-wise negation.</summary>
    /// <param name="a">The operand.</param>
    /// <returns>−a in every lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksX8 operator -(GoldilocksX8 a) => Zero - a;

    /// <summary>Lane-wise multiplication.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a · b in every lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksX8 operator *(GoldilocksX8 a, GoldilocksX8 b)
    {
        if (Avx512F.IsSupported)
        {
            return new(GoldilocksVector.Mul512(a._lanes, b._lanes));
        }

        if (Avx2.IsSupported)
        {
            return new(Vector512.Create(
                GoldilocksVector.Mul256(a._lanes.GetLower(), b._lanes.GetLower()),
                GoldilocksVector.Mul256(a._lanes.GetUpper(), b._lanes.GetUpper())));
        }

        return LaneWise(a, b, LaneOperation.Multiply);
    }

    /// <summary>Lane-wise multiplication by one element.</summary>
    /// <param name="a">The packed operand.</param>
    /// <param name="b">The element every lane is multiplied by.</param>
    /// <returns>a · b in every lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GoldilocksX8 operator *(GoldilocksX8 a, Goldilocks b) => a * FromBase(b);

    /// <summary>Whether every lane is equal.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>Whether equal.</returns>
    public static bool operator ==(GoldilocksX8 a, GoldilocksX8 b) => a.Equals(b);

    /// <summary>Whether some lane differs.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>Whether different.</returns>
    public static bool operator !=(GoldilocksX8 a, GoldilocksX8 b) => !a.Equals(b);

    /// <inheritdoc />
    public bool Equals(GoldilocksX8 other) => _lanes.Equals(other._lanes);

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is GoldilocksX8 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _lanes.GetHashCode();

    /// <inheritdoc />
    public override string ToString()
    {
        var lanes = new string[Lanes];
        for (int i = 0; i < Lanes; i++)
        {
            lanes[i] = GetLane(i).ToString();
        }

        return "[" + string.Join(", ", lanes) + "]";
    }

    // Without SIMD hardware the operators loop over the lanes with the scalar field arithmetic.
    private static GoldilocksX8 LaneWise(GoldilocksX8 a, GoldilocksX8 b, LaneOperation operation)
    {
        Span<ulong> lanes = stackalloc ulong[Lanes];
        for (int i = 0; i < Lanes; i++)
        {
            ulong x = a._lanes.GetElement(i);
            ulong y = b._lanes.GetElement(i);
            lanes[i] = operation switch
            {
                LaneOperation.Add => Goldilocks.AddRaw(x, y),
                LaneOperation.Subtract => Goldilocks.SubRaw(x, y),
                _ => Goldilocks.MulRaw(x, y),
            };
        }

        return new(Vector512.Create((ReadOnlySpan<ulong>)lanes));
    }

    private enum LaneOperation
    {
        Add,
        Subtract,
        Multiply,
    }
}
