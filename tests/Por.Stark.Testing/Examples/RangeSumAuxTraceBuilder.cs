// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.LogUp;
using Por.Stark.Proving;

namespace Por.Stark.Testing.Examples;

/// <summary>Prover side of <see cref="RangeSumAir"/>: the LogUp fraction column and its accumulator.</summary>
public sealed class RangeSumAuxTraceBuilder : IAuxTraceBuilder
{
    /// <summary>The builder (stateless: the challenges and the main rows are all it reads).</summary>
    public static RangeSumAuxTraceBuilder Instance { get; } = new();

    /// <inheritdoc />
    public AuxTraceTable Build(TraceTable main, ReadOnlySpan<GoldilocksExt3> randomness)
    {
        ArgumentNullException.ThrowIfNull(main);
        int rows = main.Rows;
        GoldilocksExt3 alpha = randomness[0];
        GoldilocksExt3 beta = randomness[1];
        var ones = new GoldilocksExt3[rows];
        var negM = new GoldilocksExt3[rows];
        var dv = new GoldilocksExt3[rows];
        var dt = new GoldilocksExt3[rows];
        Span<Goldilocks> one = stackalloc Goldilocks[1];
        for (int r = 0; r < rows; r++)
        {
            ones[r] = GoldilocksExt3.One;
            negM[r] = -GoldilocksExt3.FromBase(main[RangeSumAir.M, r]);
            one[0] = main[RangeSumAir.V, r];
            dv[r] = LogUpBus.Denominator<Goldilocks, GoldilocksExt3>(alpha, beta, RangeSumAir.RangeBusTag, one);
            one[0] = main[RangeSumAir.T, r];
            dt[r] = LogUpBus.Denominator<Goldilocks, GoldilocksExt3>(alpha, beta, RangeSumAir.RangeBusTag, one);
        }

        var aux = new AuxTraceTable(2, rows);
        LogUpBus.FillColumns([ones, negM], [dv, dt], aux.GetColumn(0), aux.GetColumn(1));
        return aux;
    }
}
