// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Por.Stark.Air;
using Por.Stark.Field;

namespace Por.Stark.Proving;

/// <summary>
/// Combines an AIR's constraints into the composition value at one point, shared by the prover (base field, every
/// LDE point) and the verifier (extension field, at z):
/// H(x) = (Σ_j α_j·C_j(x))·E(x)/(x^n − 1) + Σ_a α_a·(T_a(x) − v_a)/(x − g^row_a),
/// where E(x) = Π over the h + 1 exempt rows of (x − g^i).
/// </summary>
internal sealed class ConstraintComposer
{
    private readonly StarkAir _air;
    private GoldilocksExt3[] _coefficients = [];
    private readonly GoldilocksExt3[] _auxRandomness;
    private readonly int _mainCount;
    private readonly int _auxCount;

    public ConstraintComposer(StarkAir air, ProofShape shape, GoldilocksExt3[] auxRandomness)
    {
        _air = air;
        _auxRandomness = auxRandomness;
        _mainCount = air.MainConstraintDegrees.Count;
        _auxCount = air.AuxConstraintDegrees.Count;
        Assertions = air.GetAssertions(shape.Context);
        AuxAssertions = shape.AuxWidth > 0 ? air.GetAuxAssertions(shape.Context, auxRandomness) : [];
        foreach (Assertion a in Assertions)
        {
            CheckAssertion(a.Column, a.Row, shape.MainWidth, shape);
        }

        foreach (AuxAssertion a in AuxAssertions)
        {
            CheckAssertion(a.Column, a.Row, shape.AuxWidth, shape);
        }

        var rows = new SortedSet<int>();
        foreach (Assertion a in Assertions)
        {
            rows.Add(a.Row);
        }

        foreach (AuxAssertion a in AuxAssertions)
        {
            rows.Add(a.Row);
        }

        AssertionRows = [.. rows];
    }

    public IReadOnlyList<Assertion> Assertions { get; }

    public void SetCoefficients(GoldilocksExt3[] coefficients)
    {
        if (coefficients.Length != CoefficientCount)
        {
            throw new ArgumentException("Wrong number of composition coefficients.", nameof(coefficients));
        }

        _coefficients = coefficients;
    }

    public IReadOnlyList<AuxAssertion> AuxAssertions { get; }

    /// <summary>The distinct rows carrying assertions, ascending; boundary divisors are indexed by this list.</summary>
    public int[] AssertionRows { get; }

    public int CoefficientCount => CountCoefficients(_air, Assertions.Count, AuxAssertions.Count);

    public static int CountCoefficients(StarkAir air, int mainAssertions, int auxAssertions) =>
        air.MainConstraintDegrees.Count + air.AuxConstraintDegrees.Count + mainAssertions + auxAssertions;

    /// <summary>
    /// Σ_j α_j·C_j over main and auxiliary transition constraints at one point (or at eight points with packed types).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TExt CombineTransitions<T, TExt>(
        EvaluationFrame<T> main,
        EvaluationFrame<TExt> aux,
        ReadOnlySpan<T> periodic,
        Span<T> mainScratch,
        Span<TExt> auxScratch)
        where T : unmanaged, IStarkField<T>
        where TExt : unmanaged, IStarkExtension<TExt, T>
    {
        mainScratch.Clear();
        _air.EvaluateTransition(main, periodic, mainScratch);
        TExt sum = TExt.Zero;
        for (int j = 0; j < _mainCount; j++)
        {
            sum += TExt.Scale(mainScratch[j], _coefficients[j]);
        }

        if (_auxCount > 0)
        {
            auxScratch.Clear();
            _air.EvaluateAuxTransition(main, aux, periodic, _auxRandomness, auxScratch);
            for (int j = 0; j < _auxCount; j++)
            {
                sum += auxScratch[j] * _coefficients[_mainCount + j];
            }
        }

        return sum;
    }

    /// <summary>Σ_a α_a·(T_a(x) − v_a)·inv(x − g^row_a); <paramref name="rowInverses"/> is indexed like <see cref="AssertionRows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TExt CombineBoundaries<T, TExt>(ReadOnlySpan<T> mainRow, ReadOnlySpan<TExt> auxRow, ReadOnlySpan<T> rowInverses)
        where T : unmanaged, IStarkField<T>
        where TExt : unmanaged, IStarkExtension<TExt, T>
    {
        TExt sum = TExt.Zero;
        int k = _mainCount + _auxCount;
        for (int a = 0; a < Assertions.Count; a++, k++)
        {
            Assertion assertion = Assertions[a];
            T diff = mainRow[assertion.Column] - T.FromBase(assertion.Value);
            T scaled = diff * rowInverses[Array.BinarySearch(AssertionRows, assertion.Row)];
            sum += TExt.Scale(scaled, _coefficients[k]);
        }

        for (int a = 0; a < AuxAssertions.Count; a++, k++)
        {
            AuxAssertion assertion = AuxAssertions[a];
            TExt diff = auxRow[assertion.Column] - TExt.Broadcast(assertion.Value);
            sum += diff * _coefficients[k] * rowInverses[Array.BinarySearch(AssertionRows, assertion.Row)];
        }

        return sum;
    }

    private static void CheckAssertion(int column, int row, int width, ProofShape shape)
    {
        if (column < 0 || column >= width || row < 0 || row > shape.Context.LastRealRow)
        {
            throw new InvalidOperationException($"Assertion at column {column}, row {row} lies outside the witness rows.");
        }
    }
}
