// SPDX-License-Identifier: Apache-2.0

using Por.Stark;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;

namespace Por.Liabilities.Zk;

/// <summary>
/// Prover side of <see cref="LiabilitiesAir"/>: builds the LogUp segment (fraction columns, then the running
/// accumulator) from the main rows and the auxiliary challenges. The verifier only needs the AIR.
/// </summary>
/// <param name="air">The batch's AIR (its fraction layout).</param>
public sealed class LiabilitiesAuxTraceBuilder(LiabilitiesAir air) : IAuxTraceBuilder
{
    // Rows per parallel chunk of the auxiliary trace (buffers of ≈ 1.7 MiB per worker at 18 fractions per row).
    private const int AuxChunkRows = 4096;

    private readonly LiabilitiesAir _air = air ?? throw new ArgumentNullException(nameof(air));

    /// <inheritdoc />
    public AuxTraceTable Build(TraceTable main, ReadOnlySpan<GoldilocksExt3> randomness)
    {
        ArgumentNullException.ThrowIfNull(main);
        int rows = main.Rows;
        int count = LiabilitiesAir.FixedFractions + _air.TableColumns;
        var aux = new AuxTraceTable(_air.AuxWidth, rows);
        GoldilocksExt3[] r = randomness.ToArray();

        // Row chunks in parallel, each with its own small buffers and one batch inversion (Montgomery's trick); the
        // accumulator is a prefix sum, filled in a second pass from the chunks' totals.
        int chunks = (rows + AuxChunkRows - 1) / AuxChunkRows;
        var chunkTotals = new GoldilocksExt3[chunks];
        Parallel.For(
            0,
            chunks,
            ProverParallelism.Options,
            () => (Row: new Goldilocks[main.Width], Numerators: new GoldilocksExt3[AuxChunkRows * count], Denominators: new GoldilocksExt3[AuxChunkRows * count], Scratch: new GoldilocksExt3[AuxChunkRows * count]),
            (k, _, buffers) =>
            {
                int from = k * AuxChunkRows;
                int length = Math.Min(AuxChunkRows, rows - from);
                Span<GoldilocksExt3> numerators = buffers.Numerators.AsSpan(0, length * count);
                Span<GoldilocksExt3> denominators = buffers.Denominators.AsSpan(0, length * count);
                for (int i = 0; i < length; i++)
                {
                    main.ReadRow(from + i, buffers.Row);
                    _air.Fractions<Goldilocks, GoldilocksExt3>(buffers.Row, r, numerators.Slice(i * count, count), denominators.Slice(i * count, count));
                }

                GoldilocksExt3.BatchInverse(denominators, buffers.Scratch);
                GoldilocksExt3 total = GoldilocksExt3.Zero;
                for (int i = 0; i < length; i++)
                {
                    for (int c = 0; c < _air.FractionColumns; c++)
                    {
                        GoldilocksExt3 value = GoldilocksExt3.Zero;
                        int end = Math.Min(count, (c + 1) * LiabilitiesAir.FractionsPerColumn);
                        for (int j = c * LiabilitiesAir.FractionsPerColumn; j < end; j++)
                        {
                            value += numerators[(i * count) + j] * denominators[(i * count) + j];
                        }

                        aux[c, from + i] = value;
                        total += value;
                    }
                }

                chunkTotals[k] = total;
                return buffers;
            },
            _ => { });

        var chunkStarts = new GoldilocksExt3[chunks];
        for (int k = 1; k < chunks; k++)
        {
            chunkStarts[k] = chunkStarts[k - 1] + chunkTotals[k - 1];
        }

        Parallel.For(0, chunks, ProverParallelism.Options, k =>
        {
            int from = k * AuxChunkRows;
            int to = Math.Min(rows, from + AuxChunkRows);
            Span<GoldilocksExt3> accumulator = aux.GetColumn(_air.FractionColumns);
            GoldilocksExt3 acc = chunkStarts[k];
            for (int i = from; i < to; i++)
            {
                accumulator[i] = acc;
                for (int c = 0; c < _air.FractionColumns; c++)
                {
                    acc += aux[c, i];
                }
            }
        });
        return aux;
    }
}
