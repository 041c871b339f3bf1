// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Por.Stark.Air;
using Por.Stark.Field;

namespace Por.Stark.Testing.Examples;

/// <summary>
/// Example AIR: two columns (a, b) with a' = b, b' = a + b, a₀ = b₀ = 1, and the public claim that b equals
/// <see cref="Result"/> at the last witness row.
/// </summary>
public sealed class FibonacciAir : StarkAir
{
    private static readonly int[] s_degrees = [1, 1];

    /// <summary>Creates the statement.</summary>
    /// <param name="traceLength">n, a power of two.</param>
    /// <param name="result">The claimed value of b at the last witness row.</param>
    public FibonacciAir(int traceLength, Goldilocks result)
    {
        TraceLength = traceLength;
        Result = result;
    }

    /// <summary>The claimed result.</summary>
    public Goldilocks Result { get; }

    /// <inheritdoc />
    public override string Id => "por.example.fibonacci/v1";

    /// <inheritdoc />
    public override int TraceLength { get; }

    /// <inheritdoc />
    public override int MainWidth => 2;

    /// <inheritdoc />
    public override IReadOnlyList<int> MainConstraintDegrees => s_degrees;

    /// <summary>Builds the witness rows for a geometry.</summary>
    /// <param name="context">The geometry (n, h).</param>
    /// <returns>The trace.</returns>
    public static TraceTable BuildTrace(AirContext context)
    {
        var trace = new TraceTable(2, context.RealRows);
        Goldilocks a = Goldilocks.One;
        Goldilocks b = Goldilocks.One;
        for (int row = 0; row < context.RealRows; row++)
        {
            trace[0, row] = a;
            trace[1, row] = b;
            (a, b) = (b, a + b);
        }

        return trace;
    }

    /// <inheritdoc />
    public override byte[] GetPublicInputBytes()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, TraceLength);
        Result.WriteTo(bytes.AsSpan(8));
        return bytes;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void EvaluateTransition<T>(EvaluationFrame<T> frame, ReadOnlySpan<T> periodicValues, Span<T> result)
    {
        ReadOnlySpan<T> cur = frame.Current;
        ReadOnlySpan<T> next = frame.Next;
        result[0] = next[0] - cur[1];
        result[1] = next[1] - (cur[0] + cur[1]);
    }

    /// <inheritdoc />
    public override IReadOnlyList<Assertion> GetAssertions(AirContext context) =>
    [
        new Assertion(0, 0, Goldilocks.One),
        new Assertion(1, 0, Goldilocks.One),
        new Assertion(1, context.LastRealRow, Result),
    ];
}
