// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;
using Por.Stark.Memory;
using Por.Stark.Polynomials;

namespace Por.Stark.Proving;

/// <summary>
/// The prover's DEEP quotient D(X) = (P1(X) − P1(z))/(X − z) + (P2(X) − P2(gz))/(X − gz), with P1 = Σ α_t·T_t and
/// P2 = Σ β_t·T_t over the committed base columns T_t (degree &lt; n). It is computed pointwise on the coset
/// H = s·⟨g⟩, whose values every column's LDE already holds (entry b·j), then interpolated: no coefficient copy of the
/// trace is kept, and the work is packed base-field multiply-adds. The result has degree &lt; n − 1 when the
/// out-of-domain values are right, which the prover checks.
/// </summary>
internal static class DeepEvaluator
{
    private const int Chunk = 2048;

    /// <summary>One committed base column with its factor in P1 and, when <see cref="InNext"/>, in P2.</summary>
    internal readonly record struct Term(Goldilocks[] Column, GoldilocksExt3 Current, GoldilocksExt3 Next, bool InNext);

    /// <summary>The coefficients of D, as three base-field component arrays of n coefficients.</summary>
    /// <param name="terms">The columns with their DEEP factors.</param>
    /// <param name="p1z">P1(z) from the out-of-domain frame.</param>
    /// <param name="p2gz">P2(gz) from the out-of-domain frame.</param>
    /// <param name="atZ">Barycentric data of z on H.</param>
    /// <param name="atGz">Barycentric data of gz on H.</param>
    /// <param name="stride">The blowup factor (LDE entry of x_j).</param>
    /// <param name="offset">The coset offset s.</param>
    /// <returns>D's coefficient components.</returns>
    public static Goldilocks[][] Coefficients(IReadOnlyList<Term> terms, GoldilocksExt3 p1z, GoldilocksExt3 p2gz, CosetBarycentric atZ, CosetBarycentric atGz, int stride, Goldilocks offset)
    {
        int n = atZ.Size;
        var d = new Goldilocks[3][];
        for (int k = 0; k < 3; k++)
        {
            d[k] = LargeArrays.Rent<Goldilocks>(n);
        }

        int ranges = (n + Chunk - 1) / Chunk;
        Parallel.For(0, ranges, ProverParallelism.Options, r =>
        {
            int from = r * Chunk;
            int count = Math.Min(Chunk, n - from);
            var values = new Goldilocks[count];
            var p1 = new Goldilocks[3][];
            var p2 = new Goldilocks[3][];
            for (int k = 0; k < 3; k++)
            {
                p1[k] = new Goldilocks[count];
                p2[k] = new Goldilocks[count];
            }

            foreach (Term term in terms)
            {
                CosetBarycentric.Gather(term.Column, stride, from, values);
                MultiplyAdd(values, term.Current, p1);
                if (term.InNext)
                {
                    MultiplyAdd(values, term.Next, p2);
                }
            }

            Goldilocks[][] iz = atZ.InverseDifferences;
            Goldilocks[][] igz = atGz.InverseDifferences;
            for (int i = 0; i < count; i++)
            {
                int j = from + i;

                // 1/(x − z) = −1/(z − x).
                GoldilocksExt3 a = new GoldilocksExt3(p1[0][i], p1[1][i], p1[2][i]) - p1z;
                GoldilocksExt3 b = new GoldilocksExt3(p2[0][i], p2[1][i], p2[2][i]) - p2gz;
                GoldilocksExt3 v = -((a * new GoldilocksExt3(iz[0][j], iz[1][j], iz[2][j])) + (b * new GoldilocksExt3(igz[0][j], igz[1][j], igz[2][j])));
                (d[0][j], d[1][j], d[2][j]) = (v.A0, v.A1, v.A2);
            }
        });

        Parallel.For(0, 3, ProverParallelism.Options, k => Ntt.InverseCoset(d[k], offset));
        return d;
    }

    /// <summary>acc_k[i] += factor_k · values[i] for the three components k.</summary>
    private static void MultiplyAdd(ReadOnlySpan<Goldilocks> values, GoldilocksExt3 factor, Goldilocks[][] acc)
    {
        var f0 = GoldilocksX8.FromBase(factor.A0);
        var f1 = GoldilocksX8.FromBase(factor.A1);
        var f2 = GoldilocksX8.FromBase(factor.A2);
        Span<Goldilocks> a0 = acc[0];
        Span<Goldilocks> a1 = acc[1];
        Span<Goldilocks> a2 = acc[2];
        int i = 0;
        for (; i + GoldilocksX8.Lanes <= values.Length; i += GoldilocksX8.Lanes)
        {
            var v = GoldilocksX8.Load(values[i..]);
            (GoldilocksX8.Load(a0[i..]) + (v * f0)).Store(a0[i..]);
            (GoldilocksX8.Load(a1[i..]) + (v * f1)).Store(a1[i..]);
            (GoldilocksX8.Load(a2[i..]) + (v * f2)).Store(a2[i..]);
        }

        for (; i < values.Length; i++)
        {
            a0[i] += values[i] * factor.A0;
            a1[i] += values[i] * factor.A1;
            a2[i] += values[i] * factor.A2;
        }
    }
}
