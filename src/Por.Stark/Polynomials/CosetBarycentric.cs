// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;
using Por.Stark.Memory;

namespace Por.Stark.Polynomials;

/// <summary>
/// Evaluates polynomials of degree &lt; n at one extension point ζ from their values on the coset H = s·⟨g⟩ (|H| = n),
/// without their coefficients (barycentric form):
/// p(ζ) = (ζ^n − s^n)/(n·s^n) · Σ_j p(x_j)·x_j/(ζ − x_j), with x_j = s·g^j.
/// The prover reads the values on H straight out of a blowup-b low-degree extension on s·⟨ω⟩ (x_j = s·ω^(b·j) is
/// entry b·j), so it needs to keep no coefficient copy of the trace. Weights are stored as three base-field
/// component arrays so that each evaluation is three packed base-field dot products.
/// </summary>
internal sealed class CosetBarycentric
{
    private const int Chunk = 4096;

    private CosetBarycentric(GoldilocksExt3 point, Goldilocks[][] weights, Goldilocks[][] inverseDifferences)
    {
        Size = weights[0].Length;
        Point = point;
        Weights = weights;
        InverseDifferences = inverseDifferences;
    }

    /// <summary>ζ.</summary>
    public GoldilocksExt3 Point { get; }

    /// <summary>The components (3 arrays of n) of w_j = (ζ^n − s^n)/(n·s^n) · x_j/(ζ − x_j).</summary>
    public Goldilocks[][] Weights { get; }

    /// <summary>The components (3 arrays of n) of 1/(ζ − x_j).</summary>
    public Goldilocks[][] InverseDifferences { get; }

    /// <summary>The size n of the coset.</summary>
    public int Size { get; }

    /// <summary>Gives the weight arrays to the prover's array pool; unusable afterwards.</summary>
    public void Release()
    {
        LargeArrays.ReturnAll(Weights);
        LargeArrays.ReturnAll(InverseDifferences);
        for (int k = 0; k < 3; k++)
        {
            Weights[k] = [];
            InverseDifferences[k] = [];
        }
    }

    /// <summary>Precomputes the weights of ζ for the coset s·⟨g⟩ of size n.</summary>
    /// <param name="point">ζ, not on the coset.</param>
    /// <param name="offset">s.</param>
    /// <param name="generator">g, of order n.</param>
    /// <param name="n">The coset size.</param>
    /// <returns>The weights.</returns>
    /// <exception cref="ArgumentException">ζ lies on the coset (then no barycentric form exists).</exception>
    public static CosetBarycentric Create(GoldilocksExt3 point, Goldilocks offset, Goldilocks generator, int n)
    {
        var weights = new Goldilocks[3][];
        var inverses = new Goldilocks[3][];
        for (int k = 0; k < 3; k++)
        {
            weights[k] = LargeArrays.Rent<Goldilocks>(n);
            inverses[k] = LargeArrays.Rent<Goldilocks>(n);
        }

        Goldilocks sn = offset.Pow((ulong)n);
        GoldilocksExt3 scale = (point.Pow((ulong)n) - sn) * (new Goldilocks((ulong)n) * sn).Inverse();
        int chunks = (n + Chunk - 1) / Chunk;
        bool onCoset = false;
        Parallel.For(0, chunks, ProverParallelism.Options, c =>
        {
            int from = c * Chunk;
            int count = Math.Min(Chunk, n - from);
            var d = new GoldilocksExt3[count];
            var xs = new Goldilocks[count];
            Goldilocks x = offset * generator.Pow((ulong)from);
            for (int i = 0; i < count; i++)
            {
                xs[i] = x;
                d[i] = point - x;
                if (d[i].IsZero)
                {
                    onCoset = true;
                    return;
                }

                x *= generator;
            }

            GoldilocksExt3.BatchInverse(d);
            for (int i = 0; i < count; i++)
            {
                GoldilocksExt3 inv = d[i];
                GoldilocksExt3 w = scale * (inv * xs[i]);
                int j = from + i;
                (inverses[0][j], inverses[1][j], inverses[2][j]) = (inv.A0, inv.A1, inv.A2);
                (weights[0][j], weights[1][j], weights[2][j]) = (w.A0, w.A1, w.A2);
            }
        });
        if (onCoset)
        {
            ThrowHelper.ThrowArgument("The point lies on the coset.", nameof(point));
        }

        return new CosetBarycentric(point, weights, inverses);
    }

    /// <summary>
    /// Evaluates every column at every point from a low-degree extension: column c's values on the coset are
    /// <c>columns[c][stride·j]</c>, j &lt; n. Runs in parallel over ranges of j.
    /// </summary>
    /// <param name="columns">The LDE columns (length ≥ stride·n), each of a polynomial of degree &lt; n.</param>
    /// <param name="stride">The blowup factor b (1 when the columns are the coset values themselves).</param>
    /// <param name="points">The points' weights, all for the same coset.</param>
    /// <returns>result[c][p] = column c at point p.</returns>
    public static GoldilocksExt3[][] EvaluateColumns(IReadOnlyList<Goldilocks[]> columns, int stride, IReadOnlyList<CosetBarycentric> points)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(points);
        int n = points[0].Size;
        int pointCount = points.Count;
        int ranges = (n + Chunk - 1) / Chunk;
        var partial = new GoldilocksExt3[ranges][];
        Parallel.For(0, ranges, ProverParallelism.Options, r =>
        {
            int from = r * Chunk;
            int count = Math.Min(Chunk, n - from);
            var sums = new GoldilocksExt3[columns.Count * pointCount];
            var values = new Goldilocks[count];
            for (int c = 0; c < columns.Count; c++)
            {
                Gather(columns[c], stride, from, values);
                for (int p = 0; p < pointCount; p++)
                {
                    Goldilocks[][] w = points[p].Weights;
                    sums[(c * pointCount) + p] = Dot3(values, w[0].AsSpan(from, count), w[1].AsSpan(from, count), w[2].AsSpan(from, count));
                }
            }

            partial[r] = sums;
        });

        var result = new GoldilocksExt3[columns.Count][];
        for (int c = 0; c < columns.Count; c++)
        {
            result[c] = new GoldilocksExt3[pointCount];
            for (int p = 0; p < pointCount; p++)
            {
                GoldilocksExt3 acc = GoldilocksExt3.Zero;
                for (int r = 0; r < ranges; r++)
                {
                    acc += partial[r][(c * pointCount) + p];
                }

                result[c][p] = acc;
            }
        }

        return result;
    }

    /// <summary>values[i] = column[stride·(from + i)].</summary>
    internal static void Gather(Goldilocks[] column, int stride, int from, Span<Goldilocks> values)
    {
        int at = stride * from;
        for (int i = 0; i < values.Length; i++, at += stride)
        {
            values[i] = column[at];
        }
    }

    /// <summary>(Σ v_j·w0_j, Σ v_j·w1_j, Σ v_j·w2_j) as an extension element, eight lanes at a time.</summary>
    internal static GoldilocksExt3 Dot3(ReadOnlySpan<Goldilocks> values, ReadOnlySpan<Goldilocks> w0, ReadOnlySpan<Goldilocks> w1, ReadOnlySpan<Goldilocks> w2)
    {
        GoldilocksX8 a0 = GoldilocksX8.Zero;
        GoldilocksX8 a1 = GoldilocksX8.Zero;
        GoldilocksX8 a2 = GoldilocksX8.Zero;
        int j = 0;
        for (; j + GoldilocksX8.Lanes <= values.Length; j += GoldilocksX8.Lanes)
        {
            var v = GoldilocksX8.Load(values[j..]);
            a0 += v * GoldilocksX8.Load(w0[j..]);
            a1 += v * GoldilocksX8.Load(w1[j..]);
            a2 += v * GoldilocksX8.Load(w2[j..]);
        }

        Goldilocks s0 = Goldilocks.Zero;
        Goldilocks s1 = Goldilocks.Zero;
        Goldilocks s2 = Goldilocks.Zero;
        for (int lane = 0; lane < GoldilocksX8.Lanes; lane++)
        {
            s0 += a0.GetLane(lane);
            s1 += a1.GetLane(lane);
            s2 += a2.GetLane(lane);
        }

        for (; j < values.Length; j++)
        {
            s0 += values[j] * w0[j];
            s1 += values[j] * w1[j];
            s2 += values[j] * w2[j];
        }

        return new GoldilocksExt3(s0, s1, s2);
    }
}
