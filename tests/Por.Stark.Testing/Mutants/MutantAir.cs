// SPDX-License-Identifier: Apache-2.0

#pragma warning disable MA0048 // The harness's small types live together.

using System.Runtime.CompilerServices;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.LogUp;
using Por.Stark.Proving;

namespace Por.Stark.Testing.Mutants;

/// <summary>What one mutation disables.</summary>
internal enum MutantKind
{
    /// <summary>Main transition constraint <c>result[i]</c> (zeroed after evaluation).</summary>
    MainConstraint,

    /// <summary>Auxiliary transition constraint <c>result[i]</c> (zeroed; the cheating prover then bends that column).</summary>
    AuxConstraint,

    /// <summary>Main boundary assertion i (replaced by a copy of another assertion, so the transcript keeps its shape).</summary>
    Assertion,

    /// <summary>Auxiliary boundary assertion i (replaced likewise; the cheating prover shifts the accumulator).</summary>
    AuxAssertion,

    /// <summary>LogUp fractions (one, or a whole bus): numerators zeroed in the aux constraints and in the aux build.</summary>
    Fraction,
}

/// <summary>One item of an AIR: a constraint, an assertion, a LogUp fraction or a whole bus.</summary>
/// <param name="Kind">What is disabled.</param>
/// <param name="Index">The index in the AIR's own order (the first fraction for a bus).</param>
/// <param name="Name">A readable name.</param>
/// <param name="Fractions">For <see cref="MutantKind.Fraction"/>: the fraction indices zeroed together.</param>
internal sealed record MutantItem(MutantKind Kind, int Index, string Name, int[]? Fractions = null)
{
    public override string ToString() => $"{Kind} {Index} ({Name})";
}

/// <summary>The LogUp shape of an AIR: its fractions in order, grouped <see cref="PerColumn"/> per auxiliary column, then one accumulator.</summary>
internal interface ILogUpLayout
{
    int FractionCount { get; }

    int PerColumn { get; }

    void Fractions<T, TE>(ReadOnlySpan<T> row, ReadOnlySpan<GoldilocksExt3> randomness, Span<TE> numerators, Span<TE> denominators)
        where T : unmanaged, IStarkField<T>
        where TE : unmanaged, IStarkExtension<TE, T>;
}

/// <summary>
/// A decorator over a real AIR with ONE item disabled (the verifier a mutation produces). Id, geometry, degrees and
/// public inputs are the real AIR's and the numbers of constraints and assertions are unchanged, so the transcript has
/// the same shape and a proof made under the mutant can be checked under the real AIR byte for byte.
/// As the prover's aux builder it also plays the cheater for the auxiliary items: with an auxiliary constraint or the
/// first-row accumulator assertion disabled, its aux build bends exactly that column so the accumulator still ends where
/// asserted.
/// </summary>
internal sealed class MutantAir : StarkAir, IAuxTraceBuilder
{
    private readonly StarkAir _inner;
    private readonly IAuxTraceBuilder? _innerAux;
    private readonly MutantItem _item;
    private readonly ILogUpLayout? _layout;
    private readonly bool[] _zeroed;

    public MutantAir(StarkAir inner, MutantItem item, ILogUpLayout? layout = null, IAuxTraceBuilder? innerAux = null)
    {
        _inner = inner;
        _innerAux = innerAux;
        _item = item;
        _layout = layout;
        _zeroed = new bool[layout?.FractionCount ?? 0];
        if (item.Kind == MutantKind.Fraction)
        {
            if (layout is null)
            {
                throw new ArgumentException("A fraction mutant needs the AIR's LogUp layout.", nameof(layout));
            }

            foreach (int f in item.Fractions ?? [item.Index])
            {
                _zeroed[f] = true;
            }
        }
    }

    public override string Id => _inner.Id;

    public override int TraceLength => _inner.TraceLength;

    public override int MainWidth => _inner.MainWidth;

    public override int AuxWidth => _inner.AuxWidth;

    public override int AuxRandomElementCount => _inner.AuxRandomElementCount;

    public override IReadOnlyList<int> MainConstraintDegrees => _inner.MainConstraintDegrees;

    public override IReadOnlyList<int> AuxConstraintDegrees => _inner.AuxConstraintDegrees;

    public override IReadOnlyList<Goldilocks[]> PeriodicColumns => _inner.PeriodicColumns;

    public override byte[] GetPublicInputBytes() => _inner.GetPublicInputBytes();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void EvaluateTransition<T>(EvaluationFrame<T> frame, ReadOnlySpan<T> periodicValues, Span<T> result)
    {
        _inner.EvaluateTransition(frame, periodicValues, result);
        if (_item.Kind == MutantKind.MainConstraint)
        {
            result[_item.Index] = T.Zero;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void EvaluateAuxTransition<T, TExt>(
        EvaluationFrame<T> mainFrame,
        EvaluationFrame<TExt> auxFrame,
        ReadOnlySpan<T> periodicValues,
        ReadOnlySpan<GoldilocksExt3> randomness,
        Span<TExt> result)
    {
        if (_item.Kind == MutantKind.Fraction)
        {
            ILogUpLayout layout = _layout!;
            int count = layout.FractionCount;
            var numerators = new TExt[count];
            var denominators = new TExt[count];
            layout.Fractions<T, TExt>(mainFrame.Current, randomness, numerators, denominators);
            for (int f = 0; f < count; f++)
            {
                if (_zeroed[f])
                {
                    numerators[f] = TExt.Zero;
                }
            }

            ReadOnlySpan<TExt> aux = auxFrame.Current;
            int columns = AuxWidth - 1;
            for (int c = 0; c < columns; c++)
            {
                int start = c * layout.PerColumn;
                int length = Math.Min(layout.PerColumn, count - start);
                result[c] = LogUpBus.FractionConstraint(aux[c], numerators.AsSpan(start, length), denominators.AsSpan(start, length));
            }

            result[columns] = LogUpBus.AccumulatorConstraint(auxFrame.Next[columns], aux[columns], aux[..columns]);
            return;
        }

        _inner.EvaluateAuxTransition(mainFrame, auxFrame, periodicValues, randomness, result);
        if (_item.Kind == MutantKind.AuxConstraint)
        {
            result[_item.Index] = TExt.Zero;
        }
    }

    public override IReadOnlyList<Assertion> GetAssertions(AirContext context)
    {
        IReadOnlyList<Assertion> real = _inner.GetAssertions(context);
        if (_item.Kind != MutantKind.Assertion)
        {
            return real;
        }

        // "Dropped": the slot keeps existing (same coefficient count) but repeats another assertion, a vacuous copy.
        Assertion[] list = [.. real];
        list[_item.Index] = list[_item.Index == 0 ? 1 : 0];
        return list;
    }

    public override IReadOnlyList<AuxAssertion> GetAuxAssertions(AirContext context, ReadOnlySpan<GoldilocksExt3> randomness)
    {
        IReadOnlyList<AuxAssertion> real = _inner.GetAuxAssertions(context, randomness);
        if (_item.Kind != MutantKind.AuxAssertion)
        {
            return real;
        }

        AuxAssertion[] list = [.. real];
        list[_item.Index] = list[_item.Index == 0 ? 1 : 0];
        return list;
    }

    public AuxTraceTable Build(TraceTable main, ReadOnlySpan<GoldilocksExt3> randomness)
    {
        AuxTraceTable aux = _item.Kind == MutantKind.Fraction
            ? BuildFromLayout(main, randomness)
            : (_innerAux ?? throw new InvalidOperationException("The mutant needs the real AIR's aux builder.")).Build(main, randomness);
        int last = main.Rows - 1;
        int acc = AuxWidth - 1;
        var context = new AirContext(TraceLength, TraceLength - main.Rows);
        AuxAssertion end = _inner.GetAuxAssertions(context, randomness).Single(a => a.Column == acc && a.Row == last);
        GoldilocksExt3 delta = end.Value - aux[acc, last];
        if (_item.Kind == MutantKind.AuxConstraint && _item.Index == acc)
        {
            // Accumulator step unconstrained: jump to the asserted end on the last step.
            aux[acc, last] = end.Value;
        }
        else if (_item.Kind == MutantKind.AuxConstraint)
        {
            // Fraction column unpinned: absorb the whole imbalance in its first row and re-run the accumulator.
            aux[_item.Index, 0] += delta;
            Accumulate(aux, main.Rows);
        }
        else if (_item.Kind == MutantKind.AuxAssertion && _inner.GetAuxAssertions(context, randomness)[_item.Index].Row == 0)
        {
            // The accumulator's start unpinned: start it at the offset that makes it end where asserted.
            for (int r = 0; r < main.Rows; r++)
            {
                aux[acc, r] += delta;
            }
        }

        return aux;
    }

    private static void Accumulate(AuxTraceTable aux, int rows)
    {
        int acc = aux.Width - 1;
        GoldilocksExt3 sum = aux[acc, 0];
        for (int r = 0; r < rows; r++)
        {
            aux[acc, r] = sum;
            for (int c = 0; c < acc; c++)
            {
                sum += aux[c, r];
            }
        }
    }

    /// <summary>The aux segment from the layout with the disabled numerators zeroed (fractions, then the accumulator from 0).</summary>
    private AuxTraceTable BuildFromLayout(TraceTable main, ReadOnlySpan<GoldilocksExt3> randomness)
    {
        ILogUpLayout layout = _layout!;
        int rows = main.Rows;
        int count = layout.FractionCount;
        var aux = new AuxTraceTable(AuxWidth, rows);
        var numerators = new GoldilocksExt3[rows * count];
        var denominators = new GoldilocksExt3[rows * count];
        var row = new Goldilocks[main.Width];
        for (int r = 0; r < rows; r++)
        {
            main.ReadRow(r, row);
            layout.Fractions<Goldilocks, GoldilocksExt3>(row, randomness, numerators.AsSpan(r * count, count), denominators.AsSpan(r * count, count));
            for (int f = 0; f < count; f++)
            {
                if (_zeroed[f])
                {
                    numerators[(r * count) + f] = GoldilocksExt3.Zero;
                }
            }
        }

        GoldilocksExt3.BatchInverse(denominators);
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < count; f++)
            {
                aux[f / layout.PerColumn, r] += numerators[(r * count) + f] * denominators[(r * count) + f];
            }
        }

        Accumulate(aux, rows);
        return aux;
    }
}
