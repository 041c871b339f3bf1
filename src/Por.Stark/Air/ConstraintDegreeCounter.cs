// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;

namespace Por.Stark.Air;

/// <summary>
/// Measures an AIR's constraint degrees by evaluating its constraints symbolically: every trace and periodic column is a
/// polynomial of degree 1 (in units of n − 1), constants have degree 0 and the zero constant none. The result is an
/// upper bound on each constraint's degree (a cancellation such as x − x is not seen) and is what the declared lists
/// must equal (or are computed from), so that a constraint edit cannot silently leave the degree list behind.
/// </summary>
public static class ConstraintDegreeCounter
{
    // Marks result slots the AIR did not write; no operation yields it (degrees are ≥ None).
    private const int Unwritten = int.MinValue;

    /// <summary>The degrees of the main transition constraints, in evaluation order.</summary>
    /// <param name="air">The AIR.</param>
    /// <returns>One degree per constraint (−1 for a constraint that is identically zero).</returns>
    public static int[] MainDegrees(StarkAir air)
    {
        ArgumentNullException.ThrowIfNull(air);
        var result = new SymbolicDegree[air.MainConstraintDegrees.Count];
        EvaluateMain(air, result);
        return [.. result.Select(d => d.Value)];
    }

    /// <summary>
    /// The degrees of the main transition constraints of an AIR that derives its declared list from this counter (so
    /// the count cannot be read from it): evaluates into <paramref name="capacity"/> slots and returns the written ones.
    /// </summary>
    /// <param name="air">The AIR (its declared degree lists are not read).</param>
    /// <param name="capacity">An upper bound on the constraint count (more constraints throw).</param>
    /// <returns>One degree per written constraint, in evaluation order.</returns>
    /// <exception cref="InvalidOperationException">A constraint before the last written one was left unwritten.</exception>
    public static int[] MainDegrees(StarkAir air, int capacity)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var result = new SymbolicDegree[capacity];
        Array.Fill(result, new SymbolicDegree(Unwritten));
        EvaluateMain(air, result);
        return Written(result.Select(d => d.Value));
    }

    /// <summary>The degrees of the auxiliary transition constraints, in evaluation order.</summary>
    /// <param name="air">The AIR.</param>
    /// <returns>One degree per constraint (−1 for a constraint that is identically zero).</returns>
    public static int[] AuxDegrees(StarkAir air)
    {
        ArgumentNullException.ThrowIfNull(air);
        var result = new SymbolicDegreeExt[air.AuxConstraintDegrees.Count];
        EvaluateAux(air, result);
        return [.. result.Select(d => d.Value)];
    }

    /// <summary>The auxiliary counterpart of <see cref="MainDegrees(StarkAir, int)"/>.</summary>
    /// <param name="air">The AIR (its declared degree lists are not read).</param>
    /// <param name="capacity">An upper bound on the constraint count (more constraints throw).</param>
    /// <returns>One degree per written constraint, in evaluation order.</returns>
    /// <exception cref="InvalidOperationException">A constraint before the last written one was left unwritten.</exception>
    public static int[] AuxDegrees(StarkAir air, int capacity)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var result = new SymbolicDegreeExt[capacity];
        Array.Fill(result, new SymbolicDegreeExt(Unwritten));
        EvaluateAux(air, result);
        return Written(result.Select(d => d.Value));
    }

    private static void EvaluateMain(StarkAir air, SymbolicDegree[] result)
    {
        var columns = Columns(air.MainWidth);
        var periodic = Columns(air.PeriodicColumns.Count);
        air.EvaluateTransition(new EvaluationFrame<SymbolicDegree>(columns, columns), periodic, result);
    }

    private static void EvaluateAux(StarkAir air, SymbolicDegreeExt[] result)
    {
        var columns = Columns(air.MainWidth);
        var periodic = Columns(air.PeriodicColumns.Count);
        var aux = new SymbolicDegreeExt[air.AuxWidth];
        Array.Fill(aux, new SymbolicDegreeExt(1));
        var randomness = new GoldilocksExt3[air.AuxRandomElementCount];
        for (int i = 0; i < randomness.Length; i++)
        {
            // Any challenges away from the poles: the degree does not depend on their values.
            randomness[i] = new GoldilocksExt3(new Goldilocks(0x1234_5678UL + (ulong)i), new Goldilocks(7), new Goldilocks(11 + (ulong)i));
        }

        air.EvaluateAuxTransition(
            new EvaluationFrame<SymbolicDegree>(columns, columns), new EvaluationFrame<SymbolicDegreeExt>(aux, aux), periodic, randomness, result);
    }

    // The written prefix of a result pre-filled with Unwritten; a gap before its end is an evaluation bug.
    private static int[] Written(IEnumerable<int> values)
    {
        int[] all = [.. values];
        int count = Array.FindLastIndex(all, v => v != Unwritten) + 1;
        int gap = Array.IndexOf(all, Unwritten, 0, count);
        if (gap >= 0)
        {
            throw new InvalidOperationException($"Constraint {gap} was not written.");
        }

        return all[..count];
    }

    private static SymbolicDegree[] Columns(int count)
    {
        var columns = new SymbolicDegree[count];
        Array.Fill(columns, new SymbolicDegree(1));
        return columns;
    }

    /// <summary>The degree of a base-field expression (<see cref="None"/> for the zero constant).</summary>
    internal readonly record struct SymbolicDegree(int Value) : IStarkField<SymbolicDegree>
    {
        internal const int None = -1;

        public static SymbolicDegree Zero => new(None);

        public static SymbolicDegree One => new(0);

        public static SymbolicDegree FromBase(Goldilocks value) => new(value.IsZero ? None : 0);

        public static SymbolicDegree operator +(SymbolicDegree a, SymbolicDegree b) => new(Math.Max(a.Value, b.Value));

        public static SymbolicDegree operator -(SymbolicDegree a, SymbolicDegree b) => new(Math.Max(a.Value, b.Value));

        public static SymbolicDegree operator -(SymbolicDegree a) => a;

        public static SymbolicDegree operator *(SymbolicDegree a, SymbolicDegree b) => Product(a.Value, b.Value);

        internal static SymbolicDegree Product(int a, int b) => new(a == None || b == None ? None : a + b);
    }

    /// <summary>The degree of an extension-field expression.</summary>
    internal readonly record struct SymbolicDegreeExt(int Value) : IStarkExtension<SymbolicDegreeExt, SymbolicDegree>
    {
        public static SymbolicDegreeExt Zero => new(SymbolicDegree.None);

        public static SymbolicDegreeExt One => new(0);

        public static SymbolicDegreeExt FromBase(Goldilocks value) => new(value.IsZero ? SymbolicDegree.None : 0);

        public static SymbolicDegreeExt Lift(SymbolicDegree value) => new(value.Value);

        public static SymbolicDegreeExt Scale(SymbolicDegree value, GoldilocksExt3 factor) => factor.IsZero ? Zero : new(value.Value);

        public static SymbolicDegreeExt Broadcast(GoldilocksExt3 constant) => constant.IsZero ? Zero : One;

        public static SymbolicDegreeExt operator +(SymbolicDegreeExt a, SymbolicDegreeExt b) => new(Math.Max(a.Value, b.Value));

        public static SymbolicDegreeExt operator -(SymbolicDegreeExt a, SymbolicDegreeExt b) => new(Math.Max(a.Value, b.Value));

        public static SymbolicDegreeExt operator -(SymbolicDegreeExt a) => a;

        public static SymbolicDegreeExt operator *(SymbolicDegreeExt a, SymbolicDegreeExt b) => new(SymbolicDegree.Product(a.Value, b.Value).Value);

        public static SymbolicDegreeExt operator *(SymbolicDegreeExt a, SymbolicDegree b) => new(SymbolicDegree.Product(a.Value, b.Value).Value);

        public static SymbolicDegreeExt operator *(SymbolicDegreeExt a, GoldilocksExt3 constant) => constant.IsZero ? Zero : a;
    }
}
