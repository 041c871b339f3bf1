// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.LogUp;
using Por.Stark.Proving;

namespace Por.Stark.Testing.Examples;

/// <summary>
/// Example LogUp AIR: "these values each lie in [0, 2^bits) and sum to <see cref="Total"/>". Main columns:
/// v (values, zero-padded), t (the table, ramping 0 → 2^bits − 1 by steps of 0 or 1), m (multiplicities of t), and s
/// (exclusive running sum of v). Auxiliary columns: a fraction f = 1/(α − φ(v)) − m/(α − φ(t)) on the tagged range bus,
/// and the accumulator acc. Assertions: t₀ = 0, t_last = 2^bits − 1, s₀ = 0, s_last = T, v_last = 0 (the last witness
/// row's lookups fall outside the accumulated steps), acc₀ = acc_last = 0. The integer sum is below 2^(bits + log n) &lt; p,
/// so the field sum equals the integer sum.
/// </summary>
public sealed class RangeSumAir : StarkAir, IAuxTraceBuilder
{
    /// <summary>The tag of the range bus.</summary>
    public const ulong RangeBusTag = 1;

    internal const int V = 0;
    internal const int T = 1;
    internal const int M = 2;
    private const int S = 3;

    private static readonly int[] s_mainDegrees = [2, 1];
    private static readonly int[] s_auxDegrees = [3, 1];

    /// <summary>Creates the statement.</summary>
    /// <param name="traceLength">n; needs n − h ≥ 2^bits + 1.</param>
    /// <param name="bits">The range bound exponent (1..20).</param>
    /// <param name="total">The claimed sum.</param>
    /// <exception cref="ArgumentOutOfRangeException">bits is outside 1..20.</exception>
    public RangeSumAir(int traceLength, int bits, ulong total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 20);
        TraceLength = traceLength;
        Bits = bits;
        Total = total;
    }

    /// <summary>The range exponent.</summary>
    public int Bits { get; }

    /// <summary>The claimed total.</summary>
    public ulong Total { get; }

    /// <inheritdoc />
    public override string Id => "por.example.logup-range-sum/v1";

    /// <inheritdoc />
    public override int TraceLength { get; }

    /// <inheritdoc />
    public override int MainWidth => 4;

    /// <inheritdoc />
    public override int AuxWidth => 2;

    /// <inheritdoc />
    public override int AuxRandomElementCount => 2;

    /// <inheritdoc />
    public override IReadOnlyList<int> MainConstraintDegrees => s_mainDegrees;

    /// <inheritdoc />
    public override IReadOnlyList<int> AuxConstraintDegrees => s_auxDegrees;

    /// <summary>Builds the main witness for the values (each must be below 2^bits).</summary>
    /// <param name="context">The geometry.</param>
    /// <param name="bits">The range exponent.</param>
    /// <param name="values">The values (at most n − h − 1 of them).</param>
    /// <returns>The trace.</returns>
    /// <exception cref="ArgumentException">Too many values or too few rows for the table.</exception>
    public static TraceTable BuildTrace(AirContext context, int bits, ReadOnlySpan<ulong> values)
    {
        int rows = context.RealRows;
        int tableSize = 1 << bits;
        if (values.Length > rows - 1 || rows < tableSize + 1)
        {
            throw new ArgumentException("Not enough witness rows for the values and the table.", nameof(values));
        }

        var trace = new TraceTable(4, rows);
        var multiplicities = new ulong[tableSize];
        ulong sum = 0;
        for (int r = 0; r < rows; r++)
        {
            ulong v = r < values.Length ? values[r] : 0;
            trace[V, r] = new Goldilocks(v);
            trace[T, r] = new Goldilocks((ulong)Math.Min(r, tableSize - 1));
            trace[S, r] = new Goldilocks(sum);
            if (r < rows - 1)
            {
                if (v < (ulong)tableSize)
                {
                    multiplicities[v]++;
                }

                sum = checked(sum + v);
            }
        }

        for (int t = 0; t < tableSize; t++)
        {
            trace[M, t] = new Goldilocks(multiplicities[t]);
        }

        return trace;
    }

    /// <inheritdoc />
    public override byte[] GetPublicInputBytes()
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, TraceLength);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), Bits);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), Total);
        return bytes;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void EvaluateTransition<TF>(EvaluationFrame<TF> frame, ReadOnlySpan<TF> periodicValues, Span<TF> result)
    {
        ReadOnlySpan<TF> cur = frame.Current;
        ReadOnlySpan<TF> next = frame.Next;
        TF step = next[T] - cur[T];
        result[0] = step * (step - TF.One);
        result[1] = next[S] - cur[S] - cur[V];
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void EvaluateAuxTransition<TF, TE>(
        EvaluationFrame<TF> mainFrame,
        EvaluationFrame<TE> auxFrame,
        ReadOnlySpan<TF> periodicValues,
        ReadOnlySpan<GoldilocksExt3> randomness,
        Span<TE> result)
    {
        ReadOnlySpan<TF> cur = mainFrame.Current;
        GoldilocksExt3 alpha = randomness[0];
        GoldilocksExt3 beta = randomness[1];
        Span<TE> numerators = [TE.One, -TE.Lift(cur[M])];
        Span<TE> denominators =
        [
            LogUpBus.Denominator<TF, TE>(alpha, beta, RangeBusTag, cur.Slice(V, 1)),
            LogUpBus.Denominator<TF, TE>(alpha, beta, RangeBusTag, cur.Slice(T, 1)),
        ];
        result[0] = LogUpBus.FractionConstraint(auxFrame.Current[0], numerators, denominators);
        result[1] = LogUpBus.AccumulatorConstraint(auxFrame.Next[1], auxFrame.Current[1], auxFrame.Current[..1]);
    }

    /// <inheritdoc />
    public override IReadOnlyList<Assertion> GetAssertions(AirContext context) =>
    [
        new Assertion(T, 0, Goldilocks.Zero),
        new Assertion(T, context.LastRealRow, new Goldilocks((1UL << Bits) - 1)),
        new Assertion(S, 0, Goldilocks.Zero),
        new Assertion(S, context.LastRealRow, new Goldilocks(Total)),
        new Assertion(V, context.LastRealRow, Goldilocks.Zero),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<AuxAssertion> GetAuxAssertions(AirContext context, ReadOnlySpan<GoldilocksExt3> randomness) =>
    [
        new AuxAssertion(1, 0, GoldilocksExt3.Zero),
        new AuxAssertion(1, context.LastRealRow, GoldilocksExt3.Zero),
    ];

    /// <inheritdoc />
    /// <remarks>A test convenience: the example is its own builder, so the short <c>StarkProver.Prove</c> overload proves it.</remarks>
    AuxTraceTable IAuxTraceBuilder.Build(TraceTable main, ReadOnlySpan<GoldilocksExt3> randomness) =>
        RangeSumAuxTraceBuilder.Instance.Build(main, randomness);
}
