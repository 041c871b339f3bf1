// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;

namespace Por.Stark.Tests.Examples;

/// <summary>
/// Test AIR for the last-witness-row exemption: one column that must be boolean, written as a single-row constraint
/// x·(x − 1) = 0 on the current row. With <see cref="AlsoOnNextRow"/> the same condition is also stated on the next
/// row, the remedy documented on <see cref="StarkAir"/>.
/// </summary>
internal sealed class BooleanColumnAir : StarkAir
{
    private static readonly int[] s_one = [2];
    private static readonly int[] s_two = [2, 2];

    public BooleanColumnAir(int traceLength, bool alsoOnNextRow, int assertionRow = 0)
    {
        TraceLength = traceLength;
        AlsoOnNextRow = alsoOnNextRow;
        AssertionRow = assertionRow;
    }

    /// <summary>The row of the single assertion x = 0 (a row in the random tail makes the statement invalid).</summary>
    public int AssertionRow { get; }

    public bool AlsoOnNextRow { get; }

    public override string Id => AlsoOnNextRow ? "por.test.boolean-column-next/v1" : "por.test.boolean-column/v1";

    public override int TraceLength { get; }

    public override int MainWidth => 1;

    public override IReadOnlyList<int> MainConstraintDegrees => AlsoOnNextRow ? s_two : s_one;

    public static TraceTable BuildTrace(AirContext context, Goldilocks lastRow)
    {
        var trace = new TraceTable(1, context.RealRows);
        for (int r = 0; r < context.RealRows; r++)
        {
            trace[0, r] = new Goldilocks((ulong)(r % 3 == 1 ? 1 : 0));
        }

        trace[0, context.LastRealRow] = lastRow;
        return trace;
    }

    public override byte[] GetPublicInputBytes() => [];

    public override void EvaluateTransition<T>(EvaluationFrame<T> frame, ReadOnlySpan<T> periodicValues, Span<T> result)
    {
        T x = frame.Current[0];
        result[0] = x * (x - T.One);
        if (AlsoOnNextRow)
        {
            T y = frame.Next[0];
            result[1] = y * (y - T.One);
        }
    }

    public override IReadOnlyList<Assertion> GetAssertions(AirContext context) => [new Assertion(0, AssertionRow, Goldilocks.Zero)];
}
