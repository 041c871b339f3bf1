// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Memory;
using Por.Stark.Polynomials;

namespace Por.Stark.Proving;

/// <summary>
/// Evaluates the composition polynomial H (see <see cref="ConstraintComposer"/>) on every point of the LDE coset, the
/// prover's hottest loop. With SIMD hardware, blocks of eight consecutive points are evaluated together: the AIR runs
/// once per block over <see cref="GoldilocksX8"/> / <see cref="GoldilocksExt3X8"/>, each lane being one point. Without
/// it (or for LDEs under eight points) the AIR runs once per point over <see cref="Goldilocks"/>. Both paths compute
/// the same field values.
/// </summary>
internal static class CompositionEvaluator
{
    private const int PointChunk = 1024;
    private const int Lanes = GoldilocksX8.Lanes;

    /// <summary>Whether <see cref="Evaluate(StarkAir, ProofShape, ConstraintComposer, Goldilocks[][], Goldilocks[][], Goldilocks, Goldilocks)"/> uses the packed path.</summary>
    /// <param name="ldeSize">The LDE size (a power of two).</param>
    /// <returns>Whether eight-point blocks are evaluated.</returns>
    public static bool UsesPackedPath(int ldeSize) => GoldilocksX8.IsHardwareAccelerated && ldeSize >= Lanes;

    /// <summary>H at every LDE point, as three coordinate arrays of length N.</summary>
    public static Goldilocks[][] Evaluate(
        StarkAir air, ProofShape shape, ConstraintComposer composer, Goldilocks[][] mainLde, Goldilocks[][] auxLde, Goldilocks offset, Goldilocks g) =>
        Evaluate(air, shape, composer, mainLde, auxLde, offset, g, UsesPackedPath(shape.LdeSize));

    /// <summary>H at every LDE point, forcing the packed or the scalar path (differential tests).</summary>
    internal static Goldilocks[][] Evaluate(
        StarkAir air, ProofShape shape, ConstraintComposer composer, Goldilocks[][] mainLde, Goldilocks[][] auxLde, Goldilocks offset, Goldilocks g, bool packed)
    {
        int bigN = shape.LdeSize;
        if (packed && bigN < Lanes)
        {
            throw new ArgumentException("The packed path needs at least eight LDE points.", nameof(packed));
        }

        var tables = new PointTables(air, shape, composer, offset, g);
        var result = new Goldilocks[3][];
        for (int k = 0; k < 3; k++)
        {
            result[k] = LargeArrays.Rent<Goldilocks>(bigN);
        }

        var lde = new LdeView(mainLde, auxLde, bigN, shape.Options.BlowupFactor);
        int chunkCount = Math.Max(1, bigN / PointChunk);
        Parallel.For(0, chunkCount, ProverParallelism.Options, t =>
        {
            // Chunk bounds are multiples of PointChunk (both sizes are powers of two), hence of eight.
            int from = (int)((long)bigN * t / chunkCount);
            int to = (int)((long)bigN * (t + 1) / chunkCount);
            if (packed)
            {
                EvaluatePacked(air, composer, lde, tables, result, from, to);
            }
            else
            {
                EvaluateScalar(air, composer, lde, tables, result, from, to);
            }
        });
        LargeArrays.Return(tables.Divisor);
        LargeArrays.ReturnAll(tables.RowInverses);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EvaluateScalar(StarkAir air, ConstraintComposer composer, LdeView lde, PointTables tables, Goldilocks[][] result, int from, int to)
    {
        int w = lde.Main.Length;
        int wa = lde.AuxWidth;
        var cur = new Goldilocks[w];
        var nxt = new Goldilocks[w];
        var auxCur = new GoldilocksExt3[wa];
        var auxNxt = new GoldilocksExt3[wa];
        var per = new Goldilocks[tables.Periodic.Length];
        var mainScratch = new Goldilocks[air.MainConstraintDegrees.Count];
        var auxScratch = new GoldilocksExt3[air.AuxConstraintDegrees.Count];
        var rowInv = new Goldilocks[tables.RowInverses.Length];
        Goldilocks[][] aux = lde.Aux;
        for (int i = from; i < to; i++)
        {
            int next = lde.NextRow(i);
            for (int c = 0; c < w; c++)
            {
                cur[c] = lde.Main[c][i];
                nxt[c] = lde.Main[c][next];
            }

            for (int c = 0; c < wa; c++)
            {
                auxCur[c] = new GoldilocksExt3(aux[3 * c][i], aux[(3 * c) + 1][i], aux[(3 * c) + 2][i]);
                auxNxt[c] = new GoldilocksExt3(aux[3 * c][next], aux[(3 * c) + 1][next], aux[(3 * c) + 2][next]);
            }

            for (int p = 0; p < per.Length; p++)
            {
                Goldilocks[] values = tables.Periodic[p];
                per[p] = values[i % values.Length];
            }

            for (int r = 0; r < rowInv.Length; r++)
            {
                rowInv[r] = tables.RowInverses[r][i];
            }

            GoldilocksExt3 transitions = composer.CombineTransitions(
                new EvaluationFrame<Goldilocks>(cur, nxt), new EvaluationFrame<GoldilocksExt3>(auxCur, auxNxt), per, mainScratch, auxScratch);
            GoldilocksExt3 value = (transitions * tables.Divisor[i]) + composer.CombineBoundaries<Goldilocks, GoldilocksExt3>(cur, auxCur, rowInv);
            result[0][i] = value.A0;
            result[1][i] = value.A1;
            result[2][i] = value.A2;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EvaluatePacked(StarkAir air, ConstraintComposer composer, LdeView lde, PointTables tables, Goldilocks[][] result, int from, int to)
    {
        int w = lde.Main.Length;
        int wa = lde.AuxWidth;
        var cur = new GoldilocksX8[w];
        var nxt = new GoldilocksX8[w];
        var auxCur = new GoldilocksExt3X8[wa];
        var auxNxt = new GoldilocksExt3X8[wa];
        var per = new GoldilocksX8[tables.Periodic.Length];
        var mainScratch = new GoldilocksX8[air.MainConstraintDegrees.Count];
        var auxScratch = new GoldilocksExt3X8[air.AuxConstraintDegrees.Count];
        var rowInv = new GoldilocksX8[tables.RowInverses.Length];
        Goldilocks[][] aux = lde.Aux;
        for (int i = from; i < to; i += Lanes)
        {
            // Lane k is point i + k; its next-row point is i + k + blowup (mod N), contiguous except at the wrap.
            int next = lde.NextRow(i);
            for (int c = 0; c < w; c++)
            {
                cur[c] = GoldilocksX8.Load(lde.Main[c].AsSpan(i));
                nxt[c] = LoadCyclic(lde.Main[c], next);
            }

            for (int c = 0; c < wa; c++)
            {
                auxCur[c] = GoldilocksExt3X8.Load(aux[3 * c].AsSpan(i), aux[(3 * c) + 1].AsSpan(i), aux[(3 * c) + 2].AsSpan(i));
                auxNxt[c] = new GoldilocksExt3X8(LoadCyclic(aux[3 * c], next), LoadCyclic(aux[(3 * c) + 1], next), LoadCyclic(aux[(3 * c) + 2], next));
            }

            for (int p = 0; p < per.Length; p++)
            {
                Goldilocks[] values = tables.Periodic[p];
                per[p] = LoadCyclic(values, i % values.Length);
            }

            for (int r = 0; r < rowInv.Length; r++)
            {
                rowInv[r] = GoldilocksX8.Load(tables.RowInverses[r].AsSpan(i));
            }

            GoldilocksExt3X8 transitions = composer.CombineTransitions(
                new EvaluationFrame<GoldilocksX8>(cur, nxt), new EvaluationFrame<GoldilocksExt3X8>(auxCur, auxNxt), per, mainScratch, auxScratch);
            GoldilocksExt3X8 value = (transitions * GoldilocksX8.Load(tables.Divisor.AsSpan(i)))
                + composer.CombineBoundaries<GoldilocksX8, GoldilocksExt3X8>(cur, auxCur, rowInv);
            value.A0.Store(result[0].AsSpan(i));
            value.A1.Store(result[1].AsSpan(i));
            value.A2.Store(result[2].AsSpan(i));
        }
    }

    /// <summary>values[(start + k) mod length] for k = 0..7.</summary>
    private static GoldilocksX8 LoadCyclic(Goldilocks[] values, int start)
    {
        if (start + Lanes <= values.Length)
        {
            return GoldilocksX8.Load(values.AsSpan(start));
        }

        Span<Goldilocks> lanes = stackalloc Goldilocks[Lanes];
        for (int k = 0; k < Lanes; k++)
        {
            lanes[k] = values[(start + k) % values.Length];
        }

        return GoldilocksX8.Load(lanes);
    }

    /// <summary>The trace LDE columns and the next-row offset.</summary>
    private sealed class LdeView(Goldilocks[][] main, Goldilocks[][] aux, int ldeSize, int blowup)
    {
        public Goldilocks[][] Main { get; } = main;

        /// <summary>Auxiliary extension columns, three coordinate columns each.</summary>
        public Goldilocks[][] Aux { get; } = aux;

        public int AuxWidth { get; } = aux.Length / 3;

        /// <summary>The point holding the next trace row: x·g is blowup points further on the coset.</summary>
        public int NextRow(int point) => (point + blowup) & (ldeSize - 1);
    }

    /// <summary>Per-point values that do not depend on the trace: divisors, boundary inverses, periodic columns.</summary>
    private sealed class PointTables
    {
        public PointTables(StarkAir air, ProofShape shape, ConstraintComposer composer, Goldilocks offset, Goldilocks g)
        {
            int n = shape.TraceLength;
            int bigN = shape.LdeSize;
            int blowup = shape.Options.BlowupFactor;
            Goldilocks omega = Goldilocks.RootOfUnity(shape.LdeLog2);

            // E(x)/(x^n − 1): 1/(x^n − 1) takes only `blowup` distinct values on the coset.
            Goldilocks[] exemption = PolynomialMath.VanishingOnRows(g, shape.Context.LastRealRow, shape.Context.TransitionExemptions);
            Divisor = LargeArrays.Rent<Goldilocks>(bigN);
            Ntt.ExtendCoefficients(exemption, offset, Divisor);
            var invXn = new Goldilocks[blowup];
            Goldilocks offsetN = offset.Pow((ulong)n);
            Goldilocks omegaN = omega.Pow((ulong)n);
            for (int j = 0; j < blowup; j++)
            {
                invXn[j] = ((offsetN * omegaN.Pow((ulong)j)) - Goldilocks.One).Inverse();
            }

            Goldilocks[] divisor = Divisor;
            ForRanges(bigN, PointChunk, (from, to) =>
            {
                for (int i = from; i < to; i++)
                {
                    divisor[i] *= invXn[i & (blowup - 1)];
                }
            });

            // 1/(x − g^row) for each assertion row.
            var xs = LargeArrays.Rent<Goldilocks>(bigN);
            ForRanges(bigN, PointChunk, (from, to) =>
            {
                Goldilocks x = offset * omega.Pow((ulong)from);
                for (int i = from; i < to; i++)
                {
                    xs[i] = x;
                    x *= omega;
                }
            });
            int[] rows = composer.AssertionRows;
            RowInverses = new Goldilocks[rows.Length][];
            for (int r = 0; r < rows.Length; r++)
            {
                Goldilocks gr = g.Pow((ulong)rows[r]);
                var inv = LargeArrays.Rent<Goldilocks>(bigN);
                ForRanges(bigN, 64 * PointChunk, (from, to) =>
                {
                    for (int i = from; i < to; i++)
                    {
                        inv[i] = xs[i] - gr;
                    }

                    Goldilocks.BatchInverse(inv.AsSpan(from, to - from));
                });
                RowInverses[r] = inv;
            }

            LargeArrays.Return(xs);

            // Periodic columns: P_c(x^(n/len)) cycles with period len·blowup on the LDE.
            IReadOnlyList<Goldilocks[]> periodic = air.PeriodicColumns;
            Periodic = new Goldilocks[periodic.Count][];
            for (int p = 0; p < periodic.Count; p++)
            {
                int len = periodic[p].Length;
                var coeffs = (Goldilocks[])periodic[p].Clone();
                Ntt.Inverse(coeffs);
                Periodic[p] = new Goldilocks[len * blowup];
                Ntt.ExtendCoefficients(coeffs, offset.Pow((ulong)(n / len)), Periodic[p]);
            }
        }

        /// <summary>E(x)/(x^n − 1) at every point.</summary>
        public Goldilocks[] Divisor { get; }

        /// <summary>Per assertion row (indexed like <see cref="ConstraintComposer.AssertionRows"/>), 1/(x − g^row) at every point.</summary>
        public Goldilocks[][] RowInverses { get; }

        /// <summary>Per periodic column, one period of its LDE values (a power-of-two length).</summary>
        public Goldilocks[][] Periodic { get; }

        private static void ForRanges(int count, int rangeSize, Action<int, int> body)
        {
            int tasks = Math.Max(1, count / rangeSize);
            Parallel.For(0, tasks, ProverParallelism.Options, t => body((int)((long)count * t / tasks), (int)((long)count * (t + 1) / tasks)));
        }
    }
}
