// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;

namespace Por.Stark.Tests.Examples;

/// <summary>Test AIR with a periodic column: x' = x³ + k(i), k repeating 8 constants; x₀ = seed, x_last = result.</summary>
internal sealed class CubicPeriodicAir : StarkAir
{
    public static readonly Goldilocks[] Constants = [.. Enumerable.Range(0, 8).Select(i => new Goldilocks((ulong)((i * 7919) + 3)))];

    private static readonly int[] s_degrees = [3];

    public CubicPeriodicAir(int traceLength, Goldilocks seed, Goldilocks result)
    {
        TraceLength = traceLength;
        Seed = seed;
        Result = result;
    }

    public Goldilocks Seed { get; }

    public Goldilocks Result { get; }

    public override string Id => "por.test.cubic-periodic/v1";

    public override int TraceLength { get; }

    public override int MainWidth => 1;

    public override IReadOnlyList<int> MainConstraintDegrees => s_degrees;

    public override IReadOnlyList<Goldilocks[]> PeriodicColumns => [Constants];

    public static TraceTable BuildTrace(AirContext context, Goldilocks seed)
    {
        var trace = new TraceTable(1, context.RealRows);
        Goldilocks x = seed;
        for (int r = 0; r < context.RealRows; r++)
        {
            trace[0, r] = x;
            x = (x * x * x) + Constants[r % Constants.Length];
        }

        return trace;
    }

    public override byte[] GetPublicInputBytes()
    {
        var bytes = new byte[16];
        Seed.WriteTo(bytes);
        Result.WriteTo(bytes.AsSpan(8));
        return bytes;
    }

    public override void EvaluateTransition<T>(EvaluationFrame<T> frame, ReadOnlySpan<T> periodicValues, Span<T> result)
    {
        T x = frame.Current[0];
        result[0] = frame.Next[0] - ((x * x * x) + periodicValues[0]);
    }

    public override IReadOnlyList<Assertion> GetAssertions(AirContext context) =>
        [new Assertion(0, 0, Seed), new Assertion(0, context.LastRealRow, Result)];
}
