// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Polynomials;
using Por.Stark.Proving;

namespace Por.Stark.Testing.Composition;

/// <summary>
/// Runs the prover's composition evaluation on given LDE columns through both the scalar and the packed (eight
/// points per block) path. Shared with Por.Liabilities.Tests for the liabilities AIR.
/// </summary>
internal static class CompositionHarness
{
    /// <summary>Composition values from both paths, for the given LDE columns, challenges and coefficients.</summary>
    public static (Goldilocks[][] Scalar, Goldilocks[][] Packed) EvaluateBoth(
        StarkAir air, StarkOptions options, Goldilocks[][] mainLde, Goldilocks[][] auxLde, GoldilocksExt3[] auxRandomness, ulong seed)
    {
        ProofShape shape = ProofShape.Create(air, options);
        var composer = new ConstraintComposer(air, shape, auxRandomness);
        composer.SetCoefficients(RandomExtension(composer.CoefficientCount, seed));
        Goldilocks offset = Goldilocks.MultiplicativeGenerator;
        Goldilocks g = Goldilocks.RootOfUnity(System.Numerics.BitOperations.Log2((uint)shape.TraceLength));
        Goldilocks[][] scalar = CompositionEvaluator.Evaluate(air, shape, composer, mainLde, auxLde, offset, g, packed: false);
        Goldilocks[][] packed = CompositionEvaluator.Evaluate(air, shape, composer, mainLde, auxLde, offset, g, packed: true);
        return (scalar, packed);
    }

    /// <summary>Uniform-looking columns (not low-degree): every constraint evaluates to noise.</summary>
    public static Goldilocks[][] RandomColumns(int count, int length, ulong seed)
    {
        var columns = new Goldilocks[count][];
        ulong s = seed;
        for (int c = 0; c < count; c++)
        {
            columns[c] = new Goldilocks[length];
            for (int i = 0; i < length; i++)
            {
                s = unchecked((s * 6364136223846793005UL) + 1442695040888963407UL);
                columns[c][i] = new Goldilocks(s ^ (s >> 29));
            }
        }

        return columns;
    }

    /// <summary>Non-zero pseudo-random extension elements.</summary>
    public static GoldilocksExt3[] RandomExtension(int count, ulong seed)
    {
        Goldilocks[][] parts = RandomColumns(3, count, seed);
        return [.. Enumerable.Range(0, count).Select(i => new GoldilocksExt3(parts[0][i] + Goldilocks.One, parts[1][i], parts[2][i]))];
    }

    /// <summary>The honest main LDE: witness rows, then a pseudo-random tail, interpolated and extended.</summary>
    public static Goldilocks[][] HonestMainLde(StarkAir air, TraceTable trace, StarkOptions options, ulong seed)
    {
        int n = air.TraceLength;
        Goldilocks[][] tails = RandomColumns(trace.Width, n - trace.Rows, seed);
        var evaluations = new Goldilocks[trace.Width][];
        for (int c = 0; c < trace.Width; c++)
        {
            evaluations[c] = new Goldilocks[n];
            trace.GetColumn(c).CopyTo(evaluations[c]);
            tails[c].CopyTo(evaluations[c].AsSpan(trace.Rows));
        }

        return Extend(evaluations, n * options.BlowupFactor);
    }

    /// <summary>The honest auxiliary LDE (three coordinate columns per extension column).</summary>
    public static Goldilocks[][] HonestAuxLde(StarkAir air, IAuxTraceBuilder auxBuilder, TraceTable trace, StarkOptions options, GoldilocksExt3[] auxRandomness, ulong seed)
    {
        int n = air.TraceLength;
        AuxTraceTable aux = auxBuilder.Build(trace, auxRandomness);
        Goldilocks[][] tails = RandomColumns(3 * aux.Width, n - aux.Rows, seed);
        var evaluations = new Goldilocks[3 * aux.Width][];
        for (int c = 0; c < aux.Width; c++)
        {
            Span<GoldilocksExt3> column = aux.GetColumn(c);
            for (int k = 0; k < 3; k++)
            {
                var e = new Goldilocks[n];
                for (int r = 0; r < aux.Rows; r++)
                {
                    e[r] = k == 0 ? column[r].A0 : k == 1 ? column[r].A1 : column[r].A2;
                }

                tails[(3 * c) + k].CopyTo(e.AsSpan(aux.Rows));
                evaluations[(3 * c) + k] = e;
            }
        }

        return Extend(evaluations, n * options.BlowupFactor);
    }

    /// <summary>The largest degree among the three coordinate polynomials of H (interpolated over the LDE coset).</summary>
    public static int Degree(Goldilocks[][] composition)
    {
        int degree = -1;
        foreach (Goldilocks[] values in composition)
        {
            var coefficients = (Goldilocks[])values.Clone();
            Ntt.InverseCoset(coefficients, Goldilocks.MultiplicativeGenerator);
            for (int j = coefficients.Length - 1; j > degree; j--)
            {
                if (!coefficients[j].IsZero)
                {
                    degree = j;
                    break;
                }
            }
        }

        return degree;
    }

    /// <summary>Asserts that both paths give the same value at every point.</summary>
    public static void AssertSame(Goldilocks[][] expected, Goldilocks[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], actual[k]);
        }
    }

    private static Goldilocks[][] Extend(Goldilocks[][] evaluations, int ldeSize)
    {
        var lde = new Goldilocks[evaluations.Length][];
        for (int c = 0; c < evaluations.Length; c++)
        {
            Goldilocks[] coefficients = evaluations[c];
            Ntt.Inverse(coefficients);
            lde[c] = new Goldilocks[ldeSize];
            Ntt.ExtendCoefficients(coefficients, Goldilocks.MultiplicativeGenerator, lde[c]);
        }

        return lde;
    }
}
