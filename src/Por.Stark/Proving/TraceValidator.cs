// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;

namespace Por.Stark.Proving;

/// <summary>
/// Debug validator: evaluates every transition constraint and assertion of an AIR directly on the raw witness rows
/// (no polynomials, no commitments), and reports each violation. Use it in tests and when developing an AIR;
/// the verifier never relies on it, and cheating-prover tests bypass it. Like the verifier, it checks transition
/// constraints only on the steps between witness rows (current row 0 … ℓ − 1): a single-row condition violated on the
/// last witness row ℓ is not reported (see the remarks on <see cref="StarkAir"/>).
/// </summary>
public static class TraceValidator
{
    /// <summary>Validates a witness.</summary>
    /// <param name="air">The AIR.</param>
    /// <param name="trace">The witness rows (n − h rows).</param>
    /// <param name="auxBuilder">Builds the auxiliary segment; <see langword="null"/> when the AIR has none.</param>
    /// <param name="randomRows">h, from the options.</param>
    /// <param name="auxRandomness">Challenges for the auxiliary segment (ignored without one).</param>
    /// <returns>Human-readable violations; empty when every constraint holds.</returns>
    /// <exception cref="ArgumentException">The trace has the wrong shape, or the auxiliary builder is missing.</exception>
    public static IReadOnlyList<string> Validate(StarkAir air, TraceTable trace, IAuxTraceBuilder? auxBuilder, int randomRows, ReadOnlySpan<GoldilocksExt3> auxRandomness)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentNullException.ThrowIfNull(trace);
        var context = new AirContext(air.TraceLength, randomRows);
        if (trace.Width != air.MainWidth || trace.Rows != context.RealRows)
        {
            throw new ArgumentException("The trace does not have the AIR's shape.", nameof(trace));
        }

        AuxTraceTable? aux = null;
        if (air.AuxWidth > 0)
        {
            aux = (auxBuilder ?? throw new ArgumentException("The AIR has an auxiliary segment: its builder is required.", nameof(auxBuilder)))
                .Build(trace, auxRandomness);
        }

        var errors = new List<string>();
        int w = air.MainWidth;
        int wa = air.AuxWidth;
        var cur = new Goldilocks[w];
        var next = new Goldilocks[w];
        var auxCur = new GoldilocksExt3[wa];
        var auxNext = new GoldilocksExt3[wa];
        var periodic = new Goldilocks[air.PeriodicColumns.Count];
        var mainResult = new Goldilocks[air.MainConstraintDegrees.Count];
        var auxResult = new GoldilocksExt3[air.AuxConstraintDegrees.Count];
        for (int row = 0; row < context.LastRealRow; row++)
        {
            trace.ReadRow(row, cur);
            trace.ReadRow(row + 1, next);
            for (int p = 0; p < periodic.Length; p++)
            {
                Goldilocks[] values = air.PeriodicColumns[p];
                periodic[p] = values[row % values.Length];
            }

            Array.Clear(mainResult);
            air.EvaluateTransition(new EvaluationFrame<Goldilocks>(cur, next), periodic, mainResult);
            for (int j = 0; j < mainResult.Length; j++)
            {
                if (!mainResult[j].IsZero)
                {
                    errors.Add($"main transition constraint {j} fails at row {row}");
                }
            }

            if (aux is not null)
            {
                aux.ReadRow(row, auxCur);
                aux.ReadRow(row + 1, auxNext);
                Array.Clear(auxResult);
                air.EvaluateAuxTransition(new EvaluationFrame<Goldilocks>(cur, next), new EvaluationFrame<GoldilocksExt3>(auxCur, auxNext), periodic, auxRandomness, auxResult);
                for (int j = 0; j < auxResult.Length; j++)
                {
                    if (!auxResult[j].IsZero)
                    {
                        errors.Add($"auxiliary transition constraint {j} fails at row {row}");
                    }
                }
            }
        }

        foreach (Assertion a in air.GetAssertions(context))
        {
            if (a.Row < 0 || a.Row >= trace.Rows || trace[a.Column, a.Row] != a.Value)
            {
                errors.Add($"assertion on column {a.Column} at row {a.Row} fails");
            }
        }

        if (aux is not null)
        {
            foreach (AuxAssertion a in air.GetAuxAssertions(context, auxRandomness))
            {
                if (a.Row < 0 || a.Row >= aux.Rows || aux[a.Column, a.Row] != a.Value)
                {
                    errors.Add($"auxiliary assertion on column {a.Column} at row {a.Row} fails");
                }
            }
        }

        return errors;
    }
}
