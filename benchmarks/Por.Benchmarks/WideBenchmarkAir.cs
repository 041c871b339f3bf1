// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Hashing;
using Por.Stark.Testing.Examples;

namespace Por.Benchmarks;

/// <summary>
/// The benchmark statement: a Poseidon2-w8 chain (94 columns, degree-7 S-box constraints, one permutation per row)
/// plus <c>extra</c> columns y_j with y_j' = y_j^7 + j (degree 7), about 120 columns in total.
/// </summary>
internal sealed class WideBenchmarkAir : StarkAir
{
    private readonly Poseidon2ChainAir _chain;
    private readonly int _extra;
    private readonly int[] _degrees;

    public WideBenchmarkAir(int traceLength, int extra, Goldilocks[] seed, Goldilocks[] result)
    {
        _chain = new Poseidon2ChainAir(traceLength, Poseidon2.Goldilocks8, seed, result);
        _extra = extra;
        _degrees = [.. _chain.MainConstraintDegrees, .. Enumerable.Repeat(7, extra)];
        TraceLength = traceLength;
    }

    public override string Id => "por.benchmark.wide/v1";

    public override int TraceLength { get; }

    public override int MainWidth => _chain.MainWidth + _extra;

    public override IReadOnlyList<int> MainConstraintDegrees => _degrees;

    public static TraceTable BuildTrace(AirContext context, int extra, Goldilocks[] seed, Goldilocks[] result)
    {
        TraceTable chain = Poseidon2ChainAir.BuildTrace(Poseidon2.Goldilocks8, context, seed, result);
        var trace = new TraceTable(chain.Width + extra, context.RealRows);
        for (int c = 0; c < chain.Width; c++)
        {
            chain.GetColumn(c).CopyTo(trace.GetColumn(c));
        }

        for (int j = 0; j < extra; j++)
        {
            Span<Goldilocks> column = trace.GetColumn(chain.Width + j);
            Goldilocks y = new((ulong)j + 2);
            for (int r = 0; r < context.RealRows; r++)
            {
                column[r] = y;
                y = y.Pow(7) + new Goldilocks((ulong)j);
            }
        }

        return trace;
    }

    public override byte[] GetPublicInputBytes() => [.. _chain.GetPublicInputBytes(), (byte)_extra];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void EvaluateTransition<T>(EvaluationFrame<T> frame, ReadOnlySpan<T> periodicValues, Span<T> result)
    {
        int w = _chain.MainWidth;
        _chain.EvaluateTransition(new EvaluationFrame<T>(frame.Current[..w], frame.Next[..w]), periodicValues, result);
        int k = _chain.MainConstraintDegrees.Count;
        for (int j = 0; j < _extra; j++)
        {
            T y = frame.Current[w + j];
            T y2 = y * y;
            T y3 = y2 * y;
            result[k + j] = frame.Next[w + j] - ((y3 * y3 * y) + T.FromBase(new Goldilocks((ulong)j)));
        }
    }

    public override IReadOnlyList<Assertion> GetAssertions(AirContext context) => _chain.GetAssertions(context);
}
